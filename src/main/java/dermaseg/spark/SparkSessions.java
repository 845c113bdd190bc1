package dermaseg.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place jobs get their session. Under {@code spark-submit} the master and settings come
 * from the submit command and {@code conf/spark-defaults.conf}; run directly (the project's own
 * launcher, tests), a job falls back to local mode on every core. Delta's SQL extension and
 * catalog are set unless the settings name others: the incremental outputs need them.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        withDelta(conf);
        return SparkSession.builder().appName(appName).config(conf).getOrCreate();
    }

    /** Delta's SQL extension and catalog, unless {@code conf} names others. */
    public static SparkConf withDelta(SparkConf conf) {
        conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        return conf;
    }
}
