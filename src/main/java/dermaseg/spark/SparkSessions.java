package dermaseg.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place jobs get their session. Under {@code spark-submit} the master and settings come
 * from the submit command and {@code conf/spark-defaults.conf}; run directly (the project's own
 * launcher, tests), a job falls back to local mode on every core, tasks tried up to 4 times. Delta's SQL extension and
 * catalog are set unless the settings name others: the incremental outputs need them.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * A Spark properties file for runs without {@code spark-submit} (the local launcher sets it):
     * read here, as spark-submit reads its {@code --properties-file}, so that no value in it
     * (a secret key) travels on a command line. Settings given as system properties win.
     */
    static final String PROPERTIES_FILE = "dermaseg.spark.properties";

    public static SparkSession getOrCreate(String appName) {
        SparkConf conf = new SparkConf();
        String file = System.getProperty(PROPERTIES_FILE);
        if (file != null) {
            properties(Path.of(file)).forEach(conf::setIfMissing);
        }
        if (!conf.contains("spark.master")) {
            // Up to 4 attempts per task, as on a cluster: local mode's default is 1, so a store
            // that was away for a minute would fail the run.
            conf.setMaster("local[*,4]");
        }
        withDelta(conf);
        return SparkSession.builder().appName(appName).config(conf).getOrCreate();
    }

    /** The {@code spark.*} settings of a properties file ({@code key value} lines, {@code #} comments). */
    static Map<String, String> properties(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Spark properties file " + file, e);
        }
        Map<String, String> spark = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("spark."))
                .forEach(k -> spark.put(k, p.getProperty(k).trim()));
        return spark;
    }

    /** Delta's SQL extension and catalog, unless {@code conf} names others. */
    public static SparkConf withDelta(SparkConf conf) {
        conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Delta rebuilds a table's state in 50 tasks by default, which costs seconds per commit on a
        // few cores; the incremental outputs add one file per batch, so their state is small.
        conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
        return conf;
    }
}
