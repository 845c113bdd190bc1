package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import dermaseg.report.ImageRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The report's per-image rows, collected on the driver: each {@code data/images/} row with its
 * per-stage scores (from {@code data/metrics/}), its lesion's ABCD descriptors and, when the
 * segment output has the column, its {@code uncertainty} (which {@code data/images/} carries
 * over from {@code masks/}). Columns a segment output written before they existed reads as null.
 */
final class EvaluationRows {
    static final String UNCERTAINTY = "uncertainty";

    /** The per-stage scores the report shows, as {@code <stage>_<alias>} columns of the pivot. */
    private static final String[][] SCORES = {{"jaccard", "j"}, {"boundary_f", "bf"}, {"hd95_px", "hd"}};

    private EvaluationRows() {
    }

    /** Whether the report has an uncertainty to sort by: the segment output's masks/ has the column. */
    static boolean hasUncertainty(Dataset<Row> segment) {
        return has(segment, UNCERTAINTY);
    }

    /**
     * @param figures image id → its gallery figure's path in the report
     * @return one row per {@code data/images/} row, ordered by id
     */
    static List<ImageRow> collect(Dataset<Row> images, Dataset<Row> metrics, Dataset<Row> segment,
            Map<String, String> figures) {
        List<String> stages = Schemas.METRIC_STAGES;
        Column[] scores = Arrays.stream(SCORES).map(s -> first(s[0]).as(s[1])).toArray(Column[]::new);
        Dataset<Row> pivot = metrics.groupBy(col("image_id").as("p_id")).pivot("stage", new ArrayList<>(stages))
                .agg(scores[0], Arrays.copyOfRange(scores, 1, scores.length));
        Dataset<Row> lesions = segment.where(col("status").equalTo(FusedMasks.OK)).select(
                col("image_id").as("s_id"),
                optional(segment, "asymmetry_score", "int"),
                optional(segment, "compactness", "double"),
                optional(segment, "border_abruptness", "array<double>"),
                optional(segment, "diameter_px", "double"),
                has(segment, "colours") ? when(col("colours").isNotNull(), size(col("colours"))).as("colour_count")
                        : lit(null).cast("int").as("colour_count"));
        Dataset<Row> joined = images
                .join(pivot, images.col("image_id").equalTo(col("p_id"))
                        .and(images.col("outcome").equalTo(EvaluationPlan.SCORED)), "left")
                .join(lesions, images.col("image_id").equalTo(col("s_id"))
                        .and(images.col("segment_status").equalTo(FusedMasks.OK)), "left");
        List<Column> out = new ArrayList<>(List.of(images.col("image_id"), images.col("outcome"),
                images.col(UNCERTAINTY), images.col("lesion_fraction"), col("asymmetry_score"),
                col("compactness"), col("border_abruptness"), col("diameter_px"), col("colour_count")));
        for (String stage : stages) {
            for (String[] s : SCORES) {
                out.add(col(stage + "_" + s[1]));
            }
        }
        List<ImageRow> rows = new ArrayList<>();
        for (Row r : joined.select(out.toArray(Column[]::new)).orderBy(images.col("image_id")).collectAsList()) {
            rows.add(row(r, stages, figures));
        }
        return rows;
    }

    private static ImageRow row(Row r, List<String> stages, Map<String, String> figures) {
        Map<String, ImageRow.StageScores> scores = new LinkedHashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            int at = 9 + i * SCORES.length;
            if (!r.isNullAt(at)) {
                scores.put(stages.get(i), new ImageRow.StageScores(r.getDouble(at), r.getDouble(at + 1),
                        r.getDouble(at + 2)));
            }
        }
        ImageRow.Descriptors d = r.isNullAt(4) && r.isNullAt(5) && r.isNullAt(6) && r.isNullAt(7) && r.isNullAt(8)
                ? null
                : new ImageRow.Descriptors(r.isNullAt(4) ? null : r.getInt(4), nullable(r, 5),
                        r.isNullAt(6) ? null : mean(r.getList(6)), nullable(r, 7), r.isNullAt(8) ? null : r.getInt(8));
        return new ImageRow(r.getString(0), r.getString(1), scores, nullable(r, 2), nullable(r, 3), d,
                figures.get(r.getString(0)));
    }

    /** The mean of the values that are there (a segment whose rings ran off the image has none), or null. */
    private static Double mean(List<Double> values) {
        return values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).average().stream().boxed()
                .findFirst().orElse(null);
    }

    private static Double nullable(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }

    static Column optional(Dataset<Row> d, String column, String type) {
        return has(d, column) ? d.col(column) : lit(null).cast(type).as(column);
    }

    private static boolean has(Dataset<Row> d, String column) {
        return Arrays.asList(d.columns()).contains(column);
    }
}
