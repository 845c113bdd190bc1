package dermaseg.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dermaseg.pipeline.MetricStage;
import dermaseg.report.Outcome;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The evaluate job's plan: per {@code masks/} row, whether the segment run's metrics can be
 * reused (computed against the same ground-truth file, with every score this version writes), the
 * image must be segmented again, or why it cannot be scored at all; then the report's two tables
 * from the plan and the re-runs. Also how the segment output's tables and summary are read.
 *
 * <pre>
 * masks/ ⋈ ground truth (by id) ⋈ metrics/ counts ─▶ action: reuse | rerun | segment_error | …
 * plan + stored metrics + re-run scores ─▶ data/metrics/, data/images/ (outcome, reason)
 * </pre>
 */
final class EvaluationPlan {
    /** What the plan does with an image that has ground truth: reuse its metrics or segment it again. */
    static final String REUSE = "reuse";
    static final String RERUN = "rerun";

    static final String SCORED = Outcome.SCORED.code();
    static final String SEGMENT_ERROR = Outcome.SEGMENT_ERROR.code();
    static final String NO_GROUND_TRUTH = Outcome.NO_GROUND_TRUTH.code();
    static final String GROUND_TRUTH_ERROR = Outcome.GROUND_TRUTH_ERROR.code();
    static final String RERUN_ERROR = Outcome.RERUN_ERROR.code();

    /** What a re-run takes of the plan: the image, where it is, its ground truth, the stored mask. */
    static final String[] RERUN_INPUT = {"image_id", "source", "ground_truth", "mask_png", "run_id"};

    private EvaluationPlan() {
    }

    /**
     * One row per {@code masks/} row: the image, where it is now, its ground truth now and then,
     * how many metric rows the segment run left for it, and what to do ({@code action}).
     */
    static Dataset<Row> plan(SparkSession spark, Dataset<Row> segment, Dataset<Row> stored,
            EvaluateOptions o) {
        Dataset<Row> truth = InputListing.masks(spark, o.masks, o.maskPattern.ids(), o.report);
        Dataset<Row> p = segment.join(truth, segment.col("image_id").equalTo(truth.col("mask_id")), "left");
        Column storedCount = lit(0L);
        if (stored != null) {
            Dataset<Row> counts = stored.groupBy(col("image_id").as("metric_id")).agg(count("*").as("stored_metrics"));
            p = p.join(counts, col("image_id").equalTo(col("metric_id")), "left");
            storedCount = coalesce(col("stored_metrics"), lit(0L));
        }
        Column source = segment.col("source");
        if (o.images != null) {
            Dataset<Row> listed = InputListing.images(spark, List.of(o.images), o.glob.glob, o.report)
                    .groupBy(col("image_id").as("listed_id")).agg(min("source").as("listed_source"));
            p = p.join(listed, col("image_id").equalTo(col("listed_id")), "left");
            source = col("listed_source");
        }
        Column sameTruth = segment.col("ground_truth").eqNullSafe(truth.col("ground_truth"));
        Column action = when(segment.col("status").notEqual(FusedMasks.OK), SEGMENT_ERROR)
                .when(truth.col("ground_truth").isNull(), NO_GROUND_TRUTH)
                .when(sameTruth.and(storedCount.equalTo(MetricStage.values().length)), REUSE)
                // The same file was already found unusable (wrong size, undecodable): no need to segment again.
                .when(sameTruth.and(segment.col("ground_truth_status").isNotNull())
                        .and(segment.col("ground_truth_status").notEqual(Scoring.GroundTruth.OK)), GROUND_TRUTH_ERROR)
                .otherwise(RERUN);
        return p.select(
                segment.col("image_id"),
                source.as("source"),
                segment.col("status").as("segment_status"),
                segment.col("error").as("segment_error"),
                segment.col("error_detail").as("segment_error_detail"),
                segment.col("ground_truth_status").as("segment_ground_truth_status"),
                truth.col("ground_truth"),
                segment.col("width"),
                segment.col("height"),
                segment.col("lesion_fraction"),
                segment.col("mean_fcn_probability"),
                EvaluationRows.optional(segment, EvaluationRows.UNCERTAINTY, "double"),
                segment.col("model_version"),
                segment.col("run_id"),
                action.as("action"));
    }

    /** {@link Schemas#EVALUATION_METRICS}: the segment run's rows where reused, the re-runs' otherwise. */
    static Dataset<Row> metrics(Dataset<Row> plan, Dataset<Row> stored, Dataset<Row> rerun) {
        Column[] out = columns(Schemas.EVALUATION_METRICS.fieldNames());
        Dataset<Row> result = null;
        if (stored != null) {
            Dataset<Row> reuse = plan.where(col("action").equalTo(REUSE)).select(col("image_id").as("k"));
            result = withKeyColumns(stored).join(reuse, stored.col("image_id").equalTo(reuse.col("k")), "left_semi")
                    .withColumn("origin", lit("segment")).select(out);
        }
        if (rerun != null) {
            Dataset<Row> fresh = SegmentRows.metrics(rerun).withColumn("origin", lit(RERUN)).select(out);
            result = result == null ? fresh : result.unionByName(fresh);
        }
        if (result == null) {
            return plan.sparkSession().createDataFrame(List.of(), Schemas.EVALUATION_METRICS);
        }
        return result;
    }

    /** Whether stored metric rows have every score this version writes, so that they can be reused. */
    static boolean hasEveryScore(Dataset<Row> stored) {
        List<String> columns = Arrays.asList(stored.columns());
        return columns.containsAll(Schemas.MEAN_SCORE_NAMES) && columns.containsAll(Schemas.PIXEL_COUNT_NAMES);
    }

    /** Metric rows of a segment run written before they carried their mask's key: the key left null. */
    private static Dataset<Row> withKeyColumns(Dataset<Row> stored) {
        Dataset<Row> d = stored;
        for (String key : List.of("content_hash", "model_version", "settings_hash")) {
            if (!Arrays.asList(d.columns()).contains(key)) {
                d = d.withColumn(key, lit(null).cast("string"));
            }
        }
        return d;
    }

    /** {@link Schemas#EVALUATION_IMAGES}: every {@code masks/} row with its outcome and reason. */
    static Dataset<Row> images(Dataset<Row> plan, Dataset<Row> rerun, Dataset<Row> metrics) {
        Dataset<Row> p = plan;
        Column rerunStatus = lit(null).cast("string");
        Column rerunError = lit(null).cast("string");
        Column rerunDetail = lit(null).cast("string");
        Column rerunTruth = lit(null).cast("string");
        Column agreement = lit(null).cast("double");
        if (rerun != null) {
            Dataset<Row> r = rerun.select(col("image_id").as("r_id"), col("status").as("r_status"),
                    col("error").as("r_error"), col("error_detail").as("r_detail"),
                    col("ground_truth_status").as("r_truth"), col("rerun_mask_jaccard"));
            // Duplicate ids share an image_id with the row that was segmented: match re-run rows only.
            p = p.join(r, col("image_id").equalTo(col("r_id")).and(col("action").equalTo(RERUN)), "left");
            rerunStatus = col("r_status");
            rerunError = col("r_error");
            rerunDetail = col("r_detail");
            rerunTruth = col("r_truth");
            agreement = col("rerun_mask_jaccard");
        }
        Column action = col("action");
        Column outcome = when(action.equalTo(SEGMENT_ERROR), SEGMENT_ERROR)
                .when(action.equalTo(NO_GROUND_TRUTH), NO_GROUND_TRUTH)
                .when(action.equalTo(GROUND_TRUTH_ERROR), GROUND_TRUTH_ERROR)
                .when(action.equalTo(REUSE), SCORED)
                .when(rerunStatus.equalTo(FusedMasks.ERROR), RERUN_ERROR)
                .when(rerunTruth.equalTo(Scoring.GroundTruth.OK), SCORED)
                .otherwise(GROUND_TRUTH_ERROR);
        Dataset<Row> fused = metrics.where(col("stage").equalTo(MetricStage.FUSED.id()))
                .select(col("image_id").as("f_id"), col("jaccard").as("fused_jaccard"));
        p = p.withColumn("outcome", outcome)
                .withColumn("truth_status", when(action.equalTo(REUSE), Scoring.GroundTruth.OK)
                        .when(action.equalTo(RERUN), rerunTruth)
                        .when(action.equalTo(GROUND_TRUTH_ERROR), col("segment_ground_truth_status")))
                .withColumn("rerun_error", rerunError)
                .withColumn("rerun_detail", rerunDetail)
                .withColumn("agreement", agreement);
        p = p.join(fused, col("image_id").equalTo(col("f_id")).and(col("outcome").equalTo(SCORED)), "left");
        Column o = col("outcome");
        return p.select(
                col("image_id"),
                col("source"),
                o,
                when(o.equalTo(SEGMENT_ERROR), col("segment_error"))
                        .when(o.equalTo(GROUND_TRUTH_ERROR), col("truth_status"))
                        .when(o.equalTo(RERUN_ERROR), col("rerun_error")).as("reason"),
                when(o.equalTo(SEGMENT_ERROR), col("segment_error_detail"))
                        .when(o.equalTo(RERUN_ERROR), col("rerun_detail")).as("reason_detail"),
                col("segment_status"),
                col("ground_truth"),
                col("truth_status").as("ground_truth_status"),
                when(action.equalTo(REUSE), "segment").when(o.equalTo(SCORED), RERUN).as("metrics_origin"),
                col("agreement").as("rerun_mask_jaccard"),
                col("fused_jaccard"),
                col("lesion_fraction"),
                col("mean_fcn_probability"),
                col(EvaluationRows.UNCERTAINTY),
                col("model_version"),
                col("run_id"));
    }

    static Column[] columns(String[] names) {
        return Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
    }
}
