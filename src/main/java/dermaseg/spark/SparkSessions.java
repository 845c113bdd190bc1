package dermaseg.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The one place jobs get their session. Under {@code spark-submit} the master and settings come
 * from the submit command and {@code conf/spark-defaults.conf}; run directly (the project's own
 * launcher, tests), a job falls back to local mode on every core, tasks tried up to 4 times. Delta's SQL extension and
 * catalog are set unless the settings name others: the incremental outputs need them. Spark's
 * console progress bar is drawn only on a terminal, unless the settings say otherwise. Before the
 * session exists, the same settings give the Hadoop configuration that the jobs check their paths
 * with ({@link #hadoopConfiguration}).
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

    /** Whether Spark draws its progress bar on stderr. */
    static final String CONSOLE_PROGRESS = "spark.ui.showConsoleProgress";

    public static SparkSession getOrCreate(String appName) {
        SparkConf conf = settings();
        if (!conf.contains("spark.master")) {
            // Up to 4 attempts per task, as on a cluster: local mode's default is 1, so a store
            // that was away for a minute would fail the run.
            conf.setMaster("local[*,4]");
        }
        // On Java 17 there is a console only when stdin and stdout are both terminals, which a run
        // with its output sent to a file (cron, nohup, a scheduler) is not.
        withConsoleProgress(conf, System.console() != null);
        withDelta(conf);
        return SparkSession.builder().appName(appName).config(conf).getOrCreate();
    }

    /**
     * The settings a job's session will have, before it starts: the system properties (which is
     * where spark-submit puts its settings) over the properties file, if the launcher named one.
     */
    static SparkConf settings() {
        SparkConf conf = new SparkConf();
        String file = System.getProperty(PROPERTIES_FILE);
        if (file != null) {
            properties(Path.of(file)).forEach(conf::setIfMissing);
        }
        return conf;
    }

    /**
     * The Hadoop configuration of a job's file accesses before its session exists, for the checks
     * of its paths: Hadoop's defaults with the {@code spark.hadoop.*} settings, as Spark copies
     * them into its own, so that an {@code s3a://} path is asked with the job's endpoint and
     * credentials. (Credentials from the environment or a profile reach S3A through its own
     * providers either way.)
     */
    public static Configuration hadoopConfiguration() {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> setting : settings().getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(setting._1(), setting._2());
        }
        return hadoop;
    }

    /**
     * Spark's console progress bar only on a terminal, unless {@code conf} says otherwise: it
     * redraws itself with carriage returns on stderr, which is right for a person watching and a
     * line of noise per redraw in a cron or driver log, where the jobs' own progress lines
     * ({@link ProgressListener}) say more.
     */
    static SparkConf withConsoleProgress(SparkConf conf, boolean terminal) {
        return conf.setIfMissing(CONSOLE_PROGRESS, Boolean.toString(terminal));
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
