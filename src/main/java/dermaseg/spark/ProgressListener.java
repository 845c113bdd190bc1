package dermaseg.spark;

import dermaseg.progress.ProgressMeter;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a job's images are, in the driver's log: {@link ProgressMeter}'s lines (one per 5% of
 * the images, or per minute, with images/s and an ETA), from a named accumulator that the job's
 * rows pass through as they leave the pipeline ({@link #counting}). Spark merges a task's
 * accumulator updates when the task ends and tells listeners the sum it came to, so the count is
 * read at every task end, and at every executor heartbeat, so that a minute of long tasks still
 * gets its line.
 *
 * <pre>
 * try (ProgressListener progress = ProgressListener.start(spark, "segment", images)) {
 *     Dataset&lt;Row&gt; rows = progress.counting(segmented);
 *     ... actions on rows ...
 * }
 * </pre>
 */
final class ProgressListener extends SparkListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);
    /** A line per 5% of the images. */
    private static final double STEP = 0.05;

    private final SparkContext sc;
    private final LongAccumulator done;
    private final ProgressMeter meter;

    private ProgressListener(SparkContext sc, LongAccumulator done, ProgressMeter meter) {
        this.sc = sc;
        this.done = done;
        this.meter = meter;
    }

    /** Listens from now to {@link #close}, counting {@code total} images for the lines of {@code label}. */
    static ProgressListener start(SparkSession spark, String label, long total) {
        SparkContext sc = spark.sparkContext();
        ProgressListener listener = new ProgressListener(sc, sc.longAccumulator(label + ": images done"),
                ProgressMeter.of(label, "images", total, STEP));
        sc.addSparkListener(listener);
        return listener;
    }

    /**
     * {@code rows} unchanged, each counted as its task hands it on: put it after the pipeline's
     * last stage, in the same task, and every image is counted when it is done.
     */
    Dataset<Row> counting(Dataset<Row> rows) {
        LongAccumulator counter = done;
        return rows.mapPartitions((MapPartitionsFunction<Row, Row>) partition -> Iterators.map(partition, row -> {
            counter.add(1);
            return row;
        }), Encoders.row(rows.schema()));
    }

    /**
     * The count as it stood when this task's updates were merged, which the task's record of the
     * accumulator carries: the listener bus may deliver the event later, when more are done.
     */
    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        // A Scala iterator, walked by hand: the one way that compiles against Scala 2.12 and 2.13.
        scala.collection.Iterator<AccumulableInfo> accumulables = taskEnd.taskInfo().accumulables().iterator();
        while (accumulables.hasNext()) {
            AccumulableInfo counted = accumulables.next();
            if (counted.id() == done.id() && counted.value().isDefined()) {
                report((Long) counted.value().get());
            }
        }
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        report(done.value());
    }

    private void report(long count) {
        // A recomputed partition (a lost cached block) counts its images again: the meter stops at the total.
        meter.update(count).ifPresent(LOG::info);
    }

    /** Stops listening; the last count is reported here, since the listener bus may not have delivered it yet. */
    @Override
    public void close() {
        sc.removeSparkListener(this);
        report(done.value());
    }
}
