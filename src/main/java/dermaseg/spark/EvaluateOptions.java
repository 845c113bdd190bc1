package dermaseg.spark;

import dermaseg.commandline.ExitCodes;
import dermaseg.commandline.ModelChoice;
import dermaseg.commandline.OptionChecks;
import dermaseg.commandline.VersionProvider;
import dermaseg.io.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The evaluate job's command line:
 * {@code jobs/evaluate --segment-output <uri> --masks <uri> --report <folder> [--gallery N] [--ids a,b]}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Score a segment run per stage (fcn, superpixel, fused) against ground truth;",
            "write metric tables and a static HTML report with plots and a gallery.",
            "Images whose stored metrics cannot be reused are segmented again with --model, which must be the "
                    + "model the segment run used (its version is checked against masks/).",
            "URIs may be local paths, file:// or s3a://."})
public final class EvaluateOptions implements Callable<Integer> {
    @Option(names = "--segment-output", required = true, paramLabel = "URI",
            description = "A segment run's output folder (masks/, metrics/, summary.json).")
    String segmentOutput;

    @Option(names = "--masks", required = true, paramLabel = "URI", description = "Folder of ground-truth masks.")
    String masks;

    @Mixin
    MaskPatternOption maskPattern;

    @Option(names = "--images", paramLabel = "URI",
            description = "Where the source images are now, found by id (default: the source column of masks/).")
    String images;

    @Mixin
    GlobOption glob;

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

    @Mixin
    ModelChoice model;

    @Mixin
    PartitionOptions partitioning = new PartitionOptions(64);

    @Mixin
    BatchSizeOption batchSize;

    @Option(names = "--figure-side", defaultValue = "384", paramLabel = "PIXELS",
            description = "Longer side of each gallery panel in pixels; larger images are shrunk "
                    + "(default: ${DEFAULT-VALUE}).")
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
        partitioning.validate();
        batchSize.validate();
        OptionChecks.atLeast("--figure-side", figureSide, 16);
        maskPattern.validate();
    }

    /**
     * Refuses what is not a segment run's output, inputs that do not exist, and a report folder in
     * the way or entangled with the segment output (--overwrite would delete it). Called by
     * {@link EvaluateJob#run}; on the command line before Spark starts, as a usage error.
     */
    void checkPaths(Configuration hadoop) throws IOException {
        PathChecks.requireExisting("--segment-output", List.of(segmentOutput), hadoop);
        if (!HadoopFiles.exists(HadoopFiles.child(segmentOutput, "masks"), hadoop)) {
            throw new IllegalArgumentException("no masks/ under " + segmentOutput + ": not a segment run's output");
        }
        PathChecks.requireExisting("--masks", List.of(masks), hadoop);
        if (images != null) {
            PathChecks.requireExisting("--images", List.of(images), hadoop);
        }
        PathChecks.requireModel(model, hadoop);
        String a = HadoopFiles.qualified(report, hadoop) + "/";
        String b = HadoopFiles.qualified(segmentOutput, hadoop) + "/";
        if (a.startsWith(b) || b.startsWith(a)) {
            throw new IllegalArgumentException("--report " + report + " must be outside the segment output "
                    + segmentOutput + " (and not contain it)");
        }
        if (!overwrite) {
            PathChecks.requireAbsent("--report", report, "pass --overwrite to replace it", hadoop);
        }
    }

    @Override
    public Integer call() throws Exception {
        OptionChecks.asUsageError(spec, this::validate);
        Configuration hadoop = SparkSessions.hadoopConfiguration();
        OptionChecks.asUsageError(spec, () -> checkPaths(hadoop));
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
            if (s.uncertaintyRanking != null) {
                Map<String, Double> u = s.uncertaintyRanking;
                System.out.printf(Locale.ROOT, "uncertainty: Spearman rho with 1 - fused Jaccard %.3f; the %.0f most "
                        + "uncertain: mean fused Jaccard %.4f, the rest %.4f%n", u.get("spearman"),
                        u.get("mostUncertainImages"), u.get("mostUncertainMeanJaccard"), u.get("restMeanJaccard"));
            }
            s.notes.forEach(n -> System.out.println("note: " + n));
            System.out.println("report: " + HadoopFiles.child(report, "index.html"));
            return ExitCodes.OK;
        } finally {
            spark.stop();
        }
    }
}
