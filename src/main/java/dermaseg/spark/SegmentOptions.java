package dermaseg.spark;

import dermaseg.commandline.ExitCodes;
import dermaseg.commandline.FusionWeightOption;
import dermaseg.commandline.ImageLimitOptions;
import dermaseg.commandline.ModelChoice;
import dermaseg.commandline.OptionChecks;
import dermaseg.commandline.VersionProvider;
import dermaseg.pipeline.TestTimeAugmentation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The segment job's command line: {@code jobs/segment --input <uri> --output <uri> [--masks <uri>] [--png]}. */
@Command(name = "segment", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Segment skin lesions in every image under the inputs; write masks and metrics as Parquet.",
            "URIs may be local paths, file:// or s3a:// (S3A credentials through the standard providers)."})
public final class SegmentOptions implements Callable<Integer> {
    @Option(names = "--input", required = true, split = ",", paramLabel = "URI",
            description = "Folder, glob or file URIs of the images (repeatable or comma-separated); read recursively.")
    List<String> inputs;

    @Mixin
    GlobOption glob;

    @Option(names = "--output", required = true, paramLabel = "URI",
            description = "Output folder URI: masks/, metrics/, summary.json (and png/ with --png); refused if "
                    + "it exists, unless --overwrite or --incremental.")
    String output;

    @Option(names = "--masks", paramLabel = "URI", description = "Folder of ground-truth masks, paired by image id.")
    String masks;

    @Mixin
    MaskPatternOption maskPattern;

    @Option(names = "--png", description = "Also write each mask as <output>/png/<image id>.png.")
    boolean png;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists, once the new one is "
            + "complete (default: refuse).")
    boolean overwrite;

    @Mixin
    AllowEmptyOption allowEmpty;

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

    @Mixin
    PartitionOptions partitioning = new PartitionOptions(64);

    @Mixin
    BatchSizeOption batchSize;

    @Mixin
    ModelChoice model;

    @Mixin
    ImageLimitOptions limits;

    @Mixin
    FusionWeightOption fusionWeight;

    @Option(names = "--superpixels", paramLabel = "N",
            description = "Superpixels per region of interest (default: the model card's).")
    Integer superpixels;

    @Option(names = "--test-time-views", paramLabel = "N",
            description = "FCN views averaged per image: 1 (none), 2, 4 (flips) or 8 (and 90° rotations), in one "
                    + "batch (default: the model card's, else 1).")
    Integer testTimeViews;

    @Option(names = "--sigma-scale", paramLabel = "S",
            description = "Colour-affinity bandwidth scale (default: the model card's).")
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
    /** Whether the command line named {@code option} (false for options made in code). */
    private boolean given(String option) {
        return spec != null && spec.commandLine() != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    void validate() {
        partitioning.validate();
        batchSize.validate();
        limits.validate();
        fusionWeight.validate();
        if (testTimeViews != null && !TestTimeAugmentation.VIEW_COUNTS.contains(testTimeViews)) {
            throw new IllegalArgumentException("--test-time-views must be 1, 2, 4 or 8, got " + testTimeViews);
        }
        if (superpixels != null) {
            OptionChecks.atLeast("--superpixels", superpixels, 2);
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
        maskPattern.validate();
        if (incremental) {
            OptionChecks.atLeast("--commit-every", commitEvery, 1);
            if (overwrite) {
                throw new IllegalArgumentException("--incremental extends its output; --overwrite would replace it. "
                        + "Give a new --output to start afresh");
            }
            for (String reason : retry) {
                if (!InputFailure.INPUT_REASONS.contains(reason) && !TableOutput.RETRIED.contains(reason)) {
                    throw new IllegalArgumentException("--retry takes reasons of error rows: " + String.join(", ",
                            InputFailure.INPUT_REASONS) + " (errors of the environment are always retried), not "
                            + reason);
                }
            }
        } else if (!retry.isEmpty() || rehash) {
            throw new IllegalArgumentException("--retry and --rehash need --incremental");
        } else if (given("--commit-every")) {
            throw new IllegalArgumentException("--commit-every needs --incremental: a folder output is written once");
        }
    }

    /**
     * Refuses, before Spark starts, inputs that do not exist and a folder output in the way (a
     * table output is there to be extended).
     */
    void checkPaths(Configuration hadoop) throws IOException {
        PathChecks.requireExisting("--input", inputs, hadoop);
        if (masks != null) {
            PathChecks.requireExisting("--masks", List.of(masks), hadoop);
        }
        PathChecks.requireModel(model, hadoop);
        if (!overwrite && !incremental) {
            PathChecks.requireAbsent("--output", output, "pass --overwrite to replace it", hadoop);
        }
    }

    /** What the listing covered, for the refusal of an empty one. */
    String listing() {
        return "no images under " + String.join(", ", inputs) + " match --glob " + glob.glob;
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
        LesionSegmentation t = new LesionSegmentation().setModel(model.model()).setBatchSize(batchSize.batchSize)
                .setAnalysisMaxSide(limits.analysisMaxSide()).setMaxPixels(limits.maxPixels())
                .setMaxBytes(limits.maxBytes());
        if (fusionWeight.fusionWeight() != null) {
            t.setFusionWeight(fusionWeight.fusionWeight());
        }
        if (superpixels != null) {
            t.setSuperpixels(superpixels);
        }
        if (testTimeViews != null) {
            t.setTestTimeViews(testTimeViews);
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
        OptionChecks.asUsageError(spec, this::validate);
        Configuration hadoop = SparkSessions.hadoopConfiguration();
        OptionChecks.asUsageError(spec, () -> checkPaths(hadoop));
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
            return ExitCodes.OK;
        } finally {
            spark.stop();
        }
    }
}
