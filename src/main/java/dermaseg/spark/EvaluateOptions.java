package dermaseg.spark;

import dermaseg.fcn.ModelLocation;
import dermaseg.io.HadoopFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The evaluate job's command line:
 * {@code jobs/evaluate --segment-output <uri> --masks <uri> --report <folder> [--gallery N] [--ids a,b]}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a segment run per stage (fcn, superpixel, fused) against ground truth;",
            "write metric tables and a static HTML report with plots and a gallery.",
            "URIs may be local paths, file:// or s3a://."})
public final class EvaluateOptions implements Callable<Integer> {
    @Option(names = "--segment-output", required = true, paramLabel = "URI",
            description = "A segment run's output folder (masks/, metrics/, summary.json).")
    String segmentOutput;

    @Option(names = "--masks", required = true, paramLabel = "URI", description = "Folder of ground-truth masks.")
    String masks;

    @Option(names = "--mask-pattern", defaultValue = "{id}_segmentation.png,{id}.png",
            description = "Mask file names, first match wins (default: ${DEFAULT-VALUE}).")
    String maskPattern;

    @Option(names = "--images", paramLabel = "URI",
            description = "Where the source images are now, found by id (default: the source column of masks/).")
    String images;

    @Option(names = "--glob", defaultValue = SegmentOptions.DEFAULT_GLOB,
            description = "Which files under --images are images (default: ${DEFAULT-VALUE}).")
    String glob;

    @Option(names = "--report", required = true, paramLabel = "URI",
            description = "Report folder: index.html, plots/, gallery/, data/ (local or any Hadoop URI).")
    String report;

    @Option(names = "--overwrite", description = "Replace the report folder if it exists (default: refuse).")
    boolean overwrite;

    @Option(names = "--gallery", defaultValue = "6", paramLabel = "N",
            description = "Show the worst and the best N images by fused Jaccard (default: ${DEFAULT-VALUE}).")
    int gallery;

    @Option(names = "--ids", split = ",", paramLabel = "ID",
            description = "Also show these images in the gallery (comma-separated or repeated).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--model", defaultValue = ModelLocation.BUNDLED_NAME,
            description = "The model the segment run used, for re-runs: a folder (local or s3a://) or "
                    + "'bundled' (default: ${DEFAULT-VALUE}). Its version must match masks/.")
    String model;

    @Option(names = "--images-per-partition", defaultValue = "64",
            description = "Target images per partition of the re-runs (default: ${DEFAULT-VALUE}).")
    int imagesPerPartition;

    @Option(names = "--batch-size", defaultValue = "8",
            description = "Images per FCN forward pass in re-runs (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--figure-side", defaultValue = "384",
            description = "Longer side of each gallery panel in pixels; larger images are shrunk (default: ${DEFAULT-VALUE}).")
    int figureSide;

    /** The named ids, trimmed, blanks and repeats left out, in the order given. */
    List<String> namedIds() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String id : ids) {
            if (!id.isBlank()) {
                out.add(id.trim());
            }
        }
        return List.copyOf(out);
    }

    @Spec
    CommandSpec spec;  // injected by picocli; null when the options are built by hand

    /** Called first by {@link EvaluateJob#run}; on the command line before Spark starts, as a usage error. */
    void validate() {
        if (gallery < 0) {
            throw new IllegalArgumentException("--gallery must not be negative");
        }
        if (imagesPerPartition < 1 || batchSize < 1 || figureSide < 16) {
            throw new IllegalArgumentException(
                    "--images-per-partition and --batch-size must be positive, --figure-side at least 16");
        }
    }

    @Override
    public Integer call() throws Exception {
        SegmentOptions.validateAsUsage(spec, this::validate);
        SparkSession spark = SparkSessions.getOrCreate("dermaseg-evaluate");
        try {
            EvaluationSummary s = EvaluateJob.run(spark, this);
            System.out.printf(Locale.ROOT, "%nsegment run %s (model %s): %d images, %s%n", s.segmentRunId,
                    s.modelVersion, s.images, s.outcomes);
            if (!s.reasons.isEmpty()) {
                System.out.println("not scored, by reason: " + s.reasons);
            }
            s.meanMetrics.forEach((stage, m) -> System.out.printf(Locale.ROOT,
                    "mean %-10s Jaccard %.4f  Dice %.4f  thresholded Jaccard %.4f%n", stage, m.get("jaccard"),
                    m.get("dice"), m.get("thresholded_jaccard")));
            s.notes.forEach(n -> System.out.println("note: " + n));
            System.out.println("report: " + HadoopFiles.child(report, "index.html"));
            return 0;
        } finally {
            spark.stop();
        }
    }
}
