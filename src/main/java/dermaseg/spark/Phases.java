package dermaseg.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each Spark job of a run is for, said where people look: as the description of the jobs
 * it starts (the UI, the event log, a history server show "segment: writing masks" instead of a
 * call site) and as one INFO line in the driver's log when it begins. Every Spark action of the
 * jobs runs inside one.
 */
final class Phases {
    private static final Logger LOG = LoggerFactory.getLogger(Phases.class);
    /** Spark's local property for job descriptions (SparkContext's own constant is private to Spark). */
    private static final String DESCRIPTION = "spark.job.description";

    private Phases() {
    }

    /** Work that starts Spark jobs and returns a value. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T get() throws E;
    }

    /** Work that starts Spark jobs. */
    @FunctionalInterface
    interface Step<E extends Exception> {
        void run() throws E;
    }

    /** {@code work}'s value; the jobs it starts carry {@code description}. */
    static <T, E extends Exception> T get(SparkSession spark, String description, Work<T, E> work) throws E {
        SparkContext sc = spark.sparkContext();
        String outer = sc.getLocalProperty(DESCRIPTION);
        sc.setJobDescription(description);
        LOG.info(description);
        try {
            return work.get();
        } finally {
            sc.setJobDescription(outer);
        }
    }

    /** Runs {@code step}; the jobs it starts carry {@code description}. */
    static <E extends Exception> void run(SparkSession spark, String description, Step<E> step) throws E {
        get(spark, description, () -> {
            step.run();
            return null;
        });
    }
}
