package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dermaseg.report.ReportContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The evaluate job's counts and means, from the report's own tables: {@code data/summary.json}
 * ({@link EvaluationSummary}) and the page's ablation table. Per-stage means and pooled scores are
 * {@link StageTotals}', as in the segment job's summary.
 */
final class EvaluationTally {
    /**
     * A re-run whose fused mask agrees with the stored one at a lower Jaccard than this did not
     * reproduce the segment run, and the report says so. Not 1: libtorch on another machine or
     * thread count may round a probability across a quantisation step and move a border pixel.
     */
    static final double REPRODUCED = 0.99;

    private EvaluationTally() {
    }

    /** Stage totals of the report's metric rows. */
    static StageTotals stages(Dataset<Row> metrics) {
        StageTotals t = new StageTotals();
        t.add(metrics);
        return t;
    }

    /** The ablation table's rows: per stage with scores, in pipeline order, the mean overlap scores. */
    static List<ReportContent.StageMeans> ablation(StageTotals stages) {
        List<ReportContent.StageMeans> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> e : stages.means().entrySet()) {
            Map<String, Double> m = e.getValue();
            rows.add(new ReportContent.StageMeans(e.getKey(), stages.images(e.getKey()), m.get("jaccard"),
                    m.get("dice"), m.get("sensitivity"), m.get("specificity"), m.get("accuracy"),
                    m.get("thresholded_jaccard")));
        }
        return rows;
    }

    /** The border table's rows: per stage with scores, in pipeline order, border means and pooled scores. */
    static List<ReportContent.StageBorders> borders(StageTotals stages) {
        Map<String, Map<String, Double>> pooled = stages.pooled();
        List<ReportContent.StageBorders> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Double>> e : stages.means().entrySet()) {
            Map<String, Double> m = e.getValue();
            Map<String, Double> p = pooled.get(e.getKey());
            rows.add(new ReportContent.StageBorders(e.getKey(), m.get("hd95_px"), m.get("hd95_diagonal"),
                    m.get("assd_px"), m.get("assd_diagonal"), m.get("boundary_f"), p.get("jaccard"), p.get("dice")));
        }
        return rows;
    }

    static EvaluationSummary summarise(Dataset<Row> images, StageTotals stages, EvaluateOptions o,
            RunSummary run, long rerunImages, List<String> notes) {
        EvaluationSummary s = new EvaluationSummary();
        s.segmentOutput = o.segmentOutput;
        s.masks = o.masks;
        s.report = o.report;
        s.rerunImages = rerunImages;
        s.segmentRunId = distinct(images, "run_id");
        s.modelVersion = distinct(images, "model_version");
        if (s.segmentRunId == null && run != null) {
            s.segmentRunId = run.runId;
        }
        for (Row r : images.groupBy("outcome").agg(count("*").as("n")).orderBy(col("n").desc(), col("outcome"))
                .collectAsList()) {
            s.outcomes.put(r.getString(0), r.getLong(1));
            s.images += r.getLong(1);
        }
        for (Row r : images.where(col("outcome").notEqual(EvaluationPlan.SCORED)).groupBy("outcome", "reason")
                .agg(count("*").as("n")).orderBy(col("n").desc(), col("outcome"), col("reason")).collectAsList()) {
            s.reasons.put(r.isNullAt(1) ? r.getString(0) : r.getString(0) + " / " + r.getString(1), r.getLong(2));
        }
        for (Row r : images.where(col("outcome").equalTo(EvaluationPlan.SCORED)).groupBy("metrics_origin")
                .agg(count("*"))
                .orderBy("metrics_origin").collectAsList()) {
            s.origins.put(r.getString(0), r.getLong(1));
        }
        s.meanMetrics.putAll(stages.means());
        s.pooledMetrics.putAll(stages.pooled());
        Row agreement = images.agg(count("rerun_mask_jaccard"), min("rerun_mask_jaccard"),
                count(when(col("rerun_mask_jaccard").lt(REPRODUCED), 1))).first();
        if (agreement.getLong(0) > 0) {
            s.lowestRerunAgreement = agreement.getDouble(1);
            long differ = agreement.getLong(2);
            if (differ > 0) {
                notes.add(String.format(Locale.ROOT, "%d of %d re-run images gave a fused mask that differs from "
                        + "the stored one (lowest agreement: Jaccard %.4f): the re-run did not reproduce the segment "
                        + "run there, so those images' scores describe the re-run, not the stored masks.", differ,
                        agreement.getLong(0), s.lowestRerunAgreement));
            }
        }
        return s;
    }

    /** The single value of a column, or "a, b" when there are several, or null. */
    private static String distinct(Dataset<Row> images, String column) {
        List<String> values = images.select(column).distinct().orderBy(column).as(Encoders.STRING()).collectAsList();
        return values.isEmpty() ? null : String.join(", ", values);
    }

}
