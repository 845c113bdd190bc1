package dermaseg.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place jobs get their session. Under {@code spark-submit} the master and settings come
 * from the submit command and {@code conf/spark-defaults.conf}; run directly (the project's own
 * launcher, tests), a job falls back to local mode on every core.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return SparkSession.builder().appName(appName).config(conf).getOrCreate();
    }
}
