package dermaseg.spark;

import dermaseg.fcn.DjlRuntime;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * The one Spark session of the test JVM: {@code local[2]}, bound to 127.0.0.1, no UI. Started by
 * the first test class that needs it and shared by the rest (a session costs seconds to start);
 * the JVM's exit stops it. Keep the tests that use it few and meaningful.
 */
public abstract class SparkTestBase {
    protected static SparkSession spark;

    @BeforeAll
    static synchronized void startSpark() {
        if (spark == null) {
            DjlRuntime.ensureOffline();
            spark = SparkSession.builder()
                    .master("local[2]")
                    .appName("dermaseg-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config(SparkSessions.withDelta(new SparkConf(false)))
                    .getOrCreate();
        }
    }
}
