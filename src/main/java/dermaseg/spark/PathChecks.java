package dermaseg.spark;

import dermaseg.commandline.ModelChoice;
import dermaseg.fcn.ModelCard;
import dermaseg.io.FileListing;
import dermaseg.io.HadoopFiles;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The jobs' checks of their paths before Spark starts, so that a missing input or an output in the
 * way costs a file-system call, not a Spark start-up: through Hadoop's file systems, with the
 * job's own Hadoop settings ({@link SparkSessions#hadoopConfiguration}), so an {@code s3a://}
 * input is asked with the credentials and endpoint the job will use.
 */
final class PathChecks {
    private PathChecks() {
    }

    /** Refuses locations (folders, files or globs) that match nothing, naming the option. */
    static void requireExisting(String option, List<String> locations, Configuration hadoop) throws IOException {
        for (String location : locations) {
            if (!FileListing.exists(location, hadoop)) {
                throw new IllegalArgumentException(option + " " + location + " does not exist");
            }
        }
    }

    /** Refuses a model folder without a card, and an unknown bundled name. */
    static void requireModel(ModelChoice model, Configuration hadoop) throws IOException {
        model.validate();
        if (!model.isBundled() && !HadoopFiles.exists(HadoopFiles.child(model.model(), ModelCard.FILE_NAME), hadoop)) {
            throw new IllegalArgumentException("--model " + model.model() + " holds no " + ModelCard.FILE_NAME);
        }
    }

    /** Refuses an output that exists; {@code remedy} says what to do instead. */
    static void requireAbsent(String option, String location, String remedy, Configuration hadoop) throws IOException {
        if (HadoopFiles.exists(location, hadoop)) {
            throw new IllegalArgumentException(option + " " + location + " exists; " + remedy);
        }
    }
}
