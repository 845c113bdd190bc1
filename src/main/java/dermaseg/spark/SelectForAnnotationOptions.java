package dermaseg.spark;

import dermaseg.commandline.ExitCodes;
import dermaseg.commandline.OptionChecks;
import dermaseg.commandline.VersionProvider;
import dermaseg.io.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The select-for-annotation job's command line:
 * {@code jobs/select-for-annotation --segment-output <uri> --output <uri> [--count N] [--training <uri>]...}.
 */
@Command(name = "select-for-annotation", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"List the images of a segment run whose masks are most likely wrong, leaving out those",
            "already in a training dataset: the images worth an expert's time. Writes candidates.csv (for a",
            "labelling tool) and candidates/ (Parquet). URIs may be local paths, file:// or s3a://."})
public final class SelectForAnnotationOptions implements Callable<Integer> {
    @Option(names = "--segment-output", required = true, paramLabel = "URI",
            description = "A segment run's output folder (masks/, summary.json), folder or --incremental.")
    String segmentOutput;

    @Option(names = "--output", required = true, paramLabel = "URI",
            description = "Folder for candidates.csv and candidates/ (refused if it exists, unless --overwrite).")
    String output;

    @Option(names = "--count", defaultValue = "100", paramLabel = "N",
            description = "How many images to list (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--training", paramLabel = "URI",
            description = "Images already annotated, left out by image id: a prepare-training output (its pairs "
                    + "table) or a folder of images. Repeat for several.")
    List<String> training = new ArrayList<>();

    @Option(names = "--overwrite", description = "Replace the output folder if it exists (default: refuse).")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    void validate() {
        OptionChecks.atLeast("--count", count, 1);
    }

    /** Refuses what is not a segment output, training sources that do not exist, and an output in the way. */
    void checkPaths(Configuration hadoop) throws IOException {
        PathChecks.requireExisting("--segment-output", List.of(segmentOutput), hadoop);
        if (!HadoopFiles.exists(HadoopFiles.child(segmentOutput, SegmentOutputs.MASKS), hadoop)) {
            throw new IllegalArgumentException("no masks/ under " + segmentOutput + ": not a segment run's output");
        }
        PathChecks.requireExisting("--training", training, hadoop);
        if (!overwrite) {
            PathChecks.requireAbsent("--output", output, "pass --overwrite to replace it", hadoop);
        }
    }

    @Override
    public Integer call() throws Exception {
        OptionChecks.asUsageError(spec, this::validate);
        Configuration hadoop = SparkSessions.hadoopConfiguration();
        OptionChecks.asUsageError(spec, () -> checkPaths(hadoop));
        SparkSession spark = SparkSessions.getOrCreate("dermaseg-select-for-annotation");
        try {
            SelectForAnnotationJob.Selection s = SelectForAnnotationJob.run(spark, this);
            System.out.println(s.summary());
            System.out.println("candidates: " + HadoopFiles.child(output, SelectForAnnotationJob.CSV));
            return ExitCodes.OK;
        } finally {
            spark.stop();
        }
    }
}
