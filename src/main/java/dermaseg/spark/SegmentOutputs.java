package dermaseg.spark;

import static org.apache.spark.sql.functions.col;

import dermaseg.io.HadoopFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reading a segment run's output back: its summary and its tables, folder or incremental alike. */
final class SegmentOutputs {
    static final String MASKS = "masks";
    static final String METRICS = "metrics";

    private SegmentOutputs() {
    }

    /** The output's {@code summary.json}; null when it has none (an unfinished run). */
    static RunSummary summary(String segmentOutput, Configuration hadoop) throws IOException {
        try {
            return RunSummary.fromJson(HadoopFiles.readString(HadoopFiles.child(segmentOutput, "summary.json"), hadoop));
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    /**
     * A table of a segment output: a Parquet folder as it is; of an incremental output's Delta
     * table, the rows of the model version and settings of its latest run (as its summary.json
     * says), which cover every image segmented with them, in any run.
     */
    static Dataset<Row> read(SparkSession spark, String segmentOutput, String table, RunSummary run,
            Configuration hadoop) throws IOException {
        String uri = HadoopFiles.child(segmentOutput, table);
        if (!HadoopFiles.exists(HadoopFiles.child(uri, "_delta_log"), hadoop)) {
            return spark.read().parquet(uri);
        }
        if (run == null || run.settingsHash == null) {
            throw new IllegalArgumentException(uri + " is a Delta table, but its output has no summary.json "
                    + "naming a model version and settings: not a finished segment --incremental output");
        }
        return DeltaCommits.read(spark, uri).where(col("model_version").equalTo(run.modelVersion)
                .and(col("settings_hash").equalTo(run.settingsHash)));
    }
}
