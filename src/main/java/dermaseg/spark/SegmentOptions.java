package dermaseg.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The segment job's command line: {@code jobs/segment --input <uri> --output <uri> [--masks <uri>] [--png]}. */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Segment skin lesions in every image under the inputs; write masks and metrics as Parquet.",
            "URIs may be local paths, file:// or s3a:// (S3A credentials through the standard providers)."})
public final class SegmentOptions implements Callable<Integer> {
    static final String DEFAULT_GLOB = "*.{jpg,jpeg,png,bmp,tif,tiff,JPG,JPEG,PNG,BMP,TIF,TIFF}";

    @Option(names = "--input", required = true, split = ",", paramLabel = "URI",
            description = "Folder, glob or file URIs of the images (repeatable or comma-separated); read recursively.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "URI",
            description = "Output folder URI: masks/, metrics/, summary.json (and png/ with --png).")
    String output;

    @Option(names = "--masks", paramLabel = "URI", description = "Folder of ground-truth masks, paired by image id.")
    String masks;

    @Option(names = "--mask-pattern", defaultValue = "{id}_segmentation.png,{id}.png",
            description = "Mask file names, first match wins (default: ${DEFAULT-VALUE}).")
    String maskPattern;

    @Option(names = "--glob", defaultValue = DEFAULT_GLOB,
            description = "Which input files are images (default: ${DEFAULT-VALUE}).")
    String glob;

    @Option(names = "--png", description = "Also write each mask as <output>/png/<image id>.png.")
    boolean png;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists, once the new one is "
            + "complete (default: refuse).")
    boolean overwrite;

    @Option(names = "--incremental", description = "Write masks and metrics as Delta tables under --output that "
            + "later runs extend: skip images already segmented with this model and settings, commit in batches, "
            + "resume after a failure.")
    boolean incremental;

    @Option(names = "--commit-every", defaultValue = "1000", paramLabel = "N",
            description = "With --incremental: images per table commit; a killed run loses at most one batch "
                    + "(default: ${DEFAULT-VALUE}).")
    int commitEvery;

    @Option(names = "--retry", split = ",", paramLabel = "REASON",
            description = "With --incremental: also segment again the images whose last result is an error with "
                    + "these reasons (e.g. too_large after raising --max-pixels). Errors of the environment "
                    + "(unreadable, inference_failed, ...) are always retried.")
    List<String> retry = new ArrayList<>();

    @Option(names = "--rehash", description = "With --incremental: read and hash every file, even one whose size "
            + "and modification time match its row (default: trust them).")
    boolean rehash;

    @Option(names = "--partitions", description = "Partition count (default: from --images-per-partition).")
    Integer partitions;

    @Option(names = "--images-per-partition", defaultValue = "64",
            description = "Target images per partition (default: ${DEFAULT-VALUE}).")
    int imagesPerPartition;

    @Option(names = "--batch-size", defaultValue = "8", description = "Images per FCN forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--model", defaultValue = "bundled",
            description = "Model folder (local or s3a://), or 'bundled' for the shipped model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--analysis-max-side", defaultValue = "1024",
            description = "Longer side of the superpixel stage's image (default: ${DEFAULT-VALUE}).")
    int analysisMaxSide;

    @Option(names = "--max-pixels", defaultValue = "100000000",
            description = "Images with more pixels are refused as too_large (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--max-bytes", defaultValue = "268435456",
            description = "Files longer than this are refused as too_large (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--fusion-weight", description = "Weight of the FCN map in the fusion (default: the model card's).")
    Double fusionWeight;

    @Option(names = "--superpixels", description = "Superpixels per region of interest (default: the model card's).")
    Integer superpixels;

    @Option(names = "--sigma-scale", description = "Colour-affinity bandwidth scale (default: the model card's).")
    Double sigmaScale;

    @Option(names = "--pixel-spacing-mm", paramLabel = "MM",
            description = "Millimetres per pixel of the input images, for diameter_mm (default: unknown, "
                    + "diameter_mm null).")
    Double pixelSpacingMm;

    @Option(names = "--seed-thresholds", paramLabel = "HIGH:LOW",
            description = "Lesion and skin seed thresholds on mean FCN probability (default: the model card's).")
    String seedThresholds;

    @Spec
    CommandSpec spec;  // injected by picocli; null when the options are built by hand

    /**
     * Refuses values the job could only fail on later (a division by zero, a refused setting
     * deep in a task), with the option's name. {@link SegmentJob#run} calls it first; on the
     * command line it runs before Spark starts, as a usage error.
     */
    void validate() {
        if (partitions != null) {
            atLeast("--partitions", partitions, 1);
        }
        atLeast("--images-per-partition", imagesPerPartition, 1);
        atLeast("--batch-size", batchSize, 1);
        atLeast("--analysis-max-side", analysisMaxSide, 64);
        atLeast("--max-pixels", maxPixels, 1);
        atLeast("--max-bytes", maxBytes, 1);
        if (superpixels != null) {
            atLeast("--superpixels", superpixels, 2);
        }
        if (fusionWeight != null && !(fusionWeight >= 0 && fusionWeight <= 1)) {
            throw new IllegalArgumentException("--fusion-weight must be in [0, 1], got " + fusionWeight);
        }
        if (sigmaScale != null && !(sigmaScale > 0)) {
            throw new IllegalArgumentException("--sigma-scale must be positive, got " + sigmaScale);
        }
        if (pixelSpacingMm != null && !(pixelSpacingMm > 0 && Double.isFinite(pixelSpacingMm))) {
            throw new IllegalArgumentException("--pixel-spacing-mm must be positive, got " + pixelSpacingMm);
        }
        if (seedThresholds != null) {
            seeds(seedThresholds);
        }
        maskPatterns(maskPattern);
        if (incremental) {
            atLeast("--commit-every", commitEvery, 1);
            if (overwrite) {
                throw new IllegalArgumentException("--incremental extends its output; --overwrite would replace it. "
                        + "Give a new --output to start afresh");
            }
        } else if (!retry.isEmpty() || rehash) {
            throw new IllegalArgumentException("--retry and --rehash need --incremental");
        }
    }

    /** Refuses mask patterns {@link FileIds#of} would refuse, naming the option. */
    static void maskPatterns(String patterns) {
        try {
            FileIds.of(patterns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mask-pattern: " + e.getMessage(), e);
        }
    }

    /** Refuses {@code value < min}, naming the option. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }

    /** {@code validate}, its refusal as picocli's usage error (message, usage, exit code 2). */
    static void validateAsUsage(CommandSpec spec, Runnable validate) {
        try {
            validate.run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** {@code HIGH:LOW} as {lesion, skin} thresholds, both in [0, 1] and LOW below HIGH. */
    private static double[] seeds(String highLow) {
        String[] hl = highLow.split(":");
        try {
            if (hl.length == 2) {
                double high = Double.parseDouble(hl[0]);
                double low = Double.parseDouble(hl[1]);
                if (low >= 0 && low < high && high <= 1) {
                    return new double[] {high, low};
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--seed-thresholds takes HIGH:LOW with 0 <= LOW < HIGH <= 1, e.g. "
                + "0.8:0.2; got " + highLow);
    }

    /** The Transformer these options describe; unset stage settings come from the model card. */
    LesionSegmentation segmentation() {
        LesionSegmentation t = new LesionSegmentation().setModel(model).setBatchSize(batchSize)
                .setAnalysisMaxSide(analysisMaxSide).setMaxPixels(maxPixels).setMaxBytes(maxBytes);
        if (fusionWeight != null) {
            t.setFusionWeight(fusionWeight);
        }
        if (superpixels != null) {
            t.setSuperpixels(superpixels);
        }
        if (sigmaScale != null) {
            t.setSigmaScale(sigmaScale);
        }
        if (pixelSpacingMm != null) {
            t.setPixelSpacingMm(pixelSpacingMm);
        }
        if (seedThresholds != null) {
            double[] hl = seeds(seedThresholds);
            t.setLesionSeedThreshold(hl[0]).setSkinSeedThreshold(hl[1]);
        }
        return t;
    }

    @Override
    public Integer call() throws Exception {
        validateAsUsage(spec, this::validate);
        SparkSession spark = SparkSessions.getOrCreate("dermaseg-segment");
        try {
            RunSummary s = SegmentJob.run(spark, this);
            System.out.printf(Locale.ROOT, "%nrun %s: %d images (%s) in %.1f s, %.2f images/s%n", s.runId, s.images,
                    s.status, s.wallSeconds, s.imagesPerSecond);
            if (!s.errors.isEmpty()) {
                System.out.println("errors by reason: " + s.errors);
            }
            s.meanMetrics.forEach((stage, m) -> System.out.printf(Locale.ROOT,
                    "mean %-10s Jaccard %.4f  Dice %.4f  thresholded Jaccard %.4f%n", stage, m.get("jaccard"),
                    m.get("dice"), m.get("thresholded_jaccard")));
            if (incremental) {
                System.out.printf(Locale.ROOT, "segmented %d, skipped %d (already in the table), in %d commits%n",
                        s.images, s.skipped, s.commits);
            }
            System.out.println("output: " + output + " (masks/"
                    + (masks != null ? ", metrics/" : "") + (png ? ", png/" : "") + ", summary.json"
                    + (incremental ? "; Delta tables" : "") + ")");
            return 0;
        } finally {
            spark.stop();
        }
    }
}
