package dermaseg.spark;

import dermaseg.commandline.ExitCodes;
import dermaseg.commandline.OptionChecks;
import dermaseg.commandline.VersionProvider;
import dermaseg.dataset.SplitRatios;
import java.io.IOException;
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

/**
 * The prepare-training job's command line:
 * {@code jobs/prepare-training --images <uri> --masks <uri> --output <uri>}.
 */
@Command(name = "prepare-training", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Pair images with masks, validate, resize and split them, and add what is new or changed "
                + "to a training dataset (a Delta table of pairs) that `dermaseg train --shards` reads.",
            "URIs may be local paths, file:// or s3a:// (S3A credentials through the standard providers).",
            "Run it on a schedule over the whole corpus: unchanged pairs cost a read and a hash, nothing more.",
            "The dataset mirrors the corpus: with --allow-empty, inputs that hold nothing remove every pair."})
public final class PrepareTrainingOptions implements Callable<Integer> {
    @Option(names = "--images", required = true, split = ",", paramLabel = "URI",
            description = "Folders, globs or files of the images (repeatable or comma-separated); read recursively.")
    List<String> images;

    @Mixin
    GlobOption glob;

    @Option(names = "--masks", required = true, split = ",", paramLabel = "URI",
            description = "Folders of the ground-truth masks (repeatable or comma-separated); read recursively. "
                    + "A file listed as a mask is never taken for an image, so both may be one folder.")
    List<String> masks;

    @Mixin
    MaskPatternOption maskPattern;

    @Option(names = "--output", required = true, paramLabel = "URI",
            description = "The dataset's root: created by the first run, extended by later ones.")
    String output;

    @Mixin
    AllowEmptyOption allowEmpty;

    @Option(names = "--longer-side", defaultValue = "256", paramLabel = "PIXELS",
            description = "Stored images are shrunk to at most this longer side, never enlarged; fixed for the "
                    + "dataset by its first run (default: ${DEFAULT-VALUE}).")
    int longerSide;

    @Option(names = "--split", defaultValue = "train=0.8,validation=0.1,test=0.1", paramLabel = "RATIOS",
            description = "Split ratios, decided per pair by a hash of its id; fixed for the dataset by its first "
                    + "run (default: ${DEFAULT-VALUE}).")
    String split;

    @Mixin
    PartitionOptions partitioning = new PartitionOptions(256);

    @Option(names = "--commit-every", defaultValue = "5000", paramLabel = "N",
            description = "Pairs per table commit; a killed run loses at most one batch (default: ${DEFAULT-VALUE}).")
    int commitEvery;

    @Spec
    CommandSpec spec;  // injected by picocli; null when the options are built by hand

    /**
     * Refuses values the job could only fail on later, with the option's name.
     * {@link PrepareTrainingJob#run} calls it first; on the command line it runs before Spark
     * starts, as a usage error.
     */
    void validate() {
        OptionChecks.atLeast("--longer-side", longerSide, 1);
        partitioning.validate();
        OptionChecks.atLeast("--commit-every", commitEvery, 1);
        try {
            SplitRatios.parse(split);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split: " + e.getMessage(), e);
        }
        maskPattern.validate();
    }

    /** Refuses, before Spark starts, inputs that do not exist (the output is there to be extended). */
    void checkPaths(Configuration hadoop) throws IOException {
        PathChecks.requireExisting("--images", images, hadoop);
        PathChecks.requireExisting("--masks", masks, hadoop);
    }

    /** What the listing covered, for the refusal of an empty one. */
    String listing() {
        return "no images under " + String.join(", ", images) + " match --glob " + glob.glob + ", and no masks under "
                + String.join(", ", masks);
    }

    @Override
    public Integer call() throws Exception {
        OptionChecks.asUsageError(spec, this::validate);
        Configuration hadoop = SparkSessions.hadoopConfiguration();
        OptionChecks.asUsageError(spec, () -> checkPaths(hadoop));
        SparkSession spark = SparkSessions.getOrCreate("dermaseg-prepare-training");
        try {
            PrepareSummary s = PrepareTrainingJob.run(spark, this);
            System.out.printf(Locale.ROOT, "%nrun %s: %d pairs seen in %.1f s%n", s.runId, s.pairsSeen,
                    s.wallSeconds);
            System.out.println("changes:  " + s.changes);
            System.out.println("accepted: " + s.accepted);
            System.out.println("rejected: " + s.rejected);
            System.out.println("dataset:  " + output + " (pairs table version " + s.tableVersion + ")");
            return ExitCodes.OK;
        } finally {
            spark.stop();
        }
    }
}
