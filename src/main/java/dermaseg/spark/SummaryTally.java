package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The counts and means of {@code summary.json}, added up over one or more sets of segmented rows
 * ({@link SegmentRows#segment}'s output: a whole folder run, or the batches of a table run) and
 * written into a {@link RunSummary}: means of per-image scores, and pooled Jaccard and Dice from
 * the summed pixel counts ({@link StageTotals}, as the evaluate job's). Each set costs two
 * aggregation passes (rows, and metric rows), folded on the driver: one Spark job per count would
 * be a measurable share of a run.
 */
final class SummaryTally {
    /** Stage-time columns of {@link Schemas#MASKS}, in pipeline order. */
    static final List<String> STAGE_MS = List.of("decode_ms", "fcn_ms", "superpixel_ms", "ranking_ms", "fusion_ms",
            "descriptors_ms", "encode_ms");

    private long images;
    private final Map<String, Long> status = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, Long> groundTruth = new TreeMap<>();
    private final Map<String, Integer> loads = new TreeMap<>();
    private final double[] stageSums = new double[STAGE_MS.size()];
    private final long[] stageCounts = new long[STAGE_MS.size()];
    private final StageTotals stages = new StageTotals();

    /** Adds {@link SegmentRows#segment}'s output: its rows and the metric rows nested in them. */
    void add(Dataset<Row> segmented) {
        add(segmented, SegmentRows.metrics(segmented));
    }

    /**
     * Adds rows of the {@link Schemas#MASKS} columns and {@code model_loads} (null where not known),
     * and their {@link Schemas#METRICS} rows.
     */
    void add(Dataset<Row> segmented, Dataset<Row> metrics) {
        Column ok = col("status").equalTo(FusedMasks.OK);
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(max("model_loads"));
        for (String stage : STAGE_MS) {
            aggregates.add(sum(when(ok, col(stage))));
            aggregates.add(count(when(ok, col(stage))));
        }
        for (Row g : segmented.groupBy("status", "error", "ground_truth_status", "executor")
                .agg(count("*"), aggregates.toArray(Column[]::new)).collectAsList()) {
            long n = g.getLong(4);
            images += n;
            status.merge(g.getString(0), n, Long::sum);
            if (FusedMasks.ERROR.equals(g.getString(0)) && !g.isNullAt(1)) {
                errors.merge(g.getString(1), n, Long::sum);
            }
            if (!g.isNullAt(2)) {
                groundTruth.merge(g.getString(2), n, Long::sum);
            }
            if (!g.isNullAt(5) && !g.isNullAt(3)) {
                loads.merge(g.getString(3), g.getInt(5), Math::max);
            }
            for (int i = 0; i < STAGE_MS.size(); i++) {
                if (!g.isNullAt(6 + 2 * i)) {
                    stageSums[i] += g.getDouble(6 + 2 * i);
                }
                stageCounts[i] += g.getLong(7 + 2 * i);
            }
        }
        stages.add(metrics);
    }

    long images() {
        return images;
    }

    /** Counts by status, reasons and executors, and the means, into {@code s}. */
    void fill(RunSummary s) {
        s.images = images;
        s.status.putAll(status);
        s.errors.putAll(errors);
        s.groundTruth.putAll(groundTruth);
        s.modelLoadsPerExecutor.putAll(loads);
        for (int i = 0; i < STAGE_MS.size(); i++) {
            if (stageCounts[i] > 0) {
                s.meanStageMs.put(STAGE_MS.get(i).replace("_ms", ""), stageSums[i] / stageCounts[i]);
            }
        }
        s.meanMetrics.putAll(stages.means());
        s.pooledMetrics.putAll(stages.pooled());
    }
}
