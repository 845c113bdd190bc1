package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The segment job's one pipeline shape, for the folder and the table output alike: a listing
 * ({@link InputListing#LISTED}) repartitioned and run through {@link LesionSegmentation}, the
 * files that share an id with an earlier one made {@code duplicate_id} rows without being read,
 * and each row given the run's id. The result has the {@link Schemas#MASKS} columns, the
 * Transformer's {@code metrics} array and {@code model_loads}; {@link #masks} and
 * {@link #metrics} cut it into the two tables.
 */
final class SegmentRows {
    static final String DUPLICATE_ID = "duplicate_id";

    private SegmentRows() {
    }

    /** The Transformer a job runs: reads each listed file by its URI, ids and ground truth from the listing. */
    static LesionSegmentation configure(LesionSegmentation segmentation, boolean scoring) {
        segmentation.setPathCol("source").setIdCol("image_id");
        if (scoring) {
            segmentation.setMaskPathCol("ground_truth");
        }
        return segmentation;
    }

    /**
     * @param listing      {@link InputListing#LISTED} rows
     * @param segmentation configured by {@link #configure}
     */
    static Dataset<Row> segment(Dataset<Row> listing, LesionSegmentation segmentation, ResolvedSettings settings,
            int partitions, String runId) {
        Dataset<Row> images = listing.where(col("duplicate_of").isNull()).drop("duplicate_of");
        Dataset<Row> segmented = segmentation.transform(images.repartition(partitions));
        if (!Arrays.asList(segmented.columns()).contains("metrics")) {
            segmented = segmented.withColumn("ground_truth_status", lit(null).cast(DataTypes.StringType))
                    .withColumn("metrics", lit(null).cast(DataTypes.createArrayType(Schemas.STAGE_SCORES, false)));
        }
        Dataset<Row> duplicates = listing.where(col("duplicate_of").isNotNull()).select(
                col("image_id"), col("source"), col("source_length"), col("source_modified"), col("ground_truth"),
                lit(settings.modelVersion()).as("model_version"),
                lit(settings.settingsHash()).as("settings_hash"),
                lit(FusedMasks.ERROR).as("status"),
                lit(DUPLICATE_ID).as("error"),
                concat(lit("another file has the same id: "), col("duplicate_of")).as("error_detail"));
        List<Column> out = new ArrayList<>(columns(Schemas.MASKS.fieldNames()));
        out.add(col("metrics"));
        out.add(col("model_loads"));
        return segmented.unionByName(duplicates, true).withColumn("run_id", lit(runId))
                .select(out.toArray(Column[]::new));
    }

    /** The {@code masks/} rows of {@link #segment}'s output. */
    static Dataset<Row> masks(Dataset<Row> segmented) {
        return segmented.select(columns(Schemas.MASKS.fieldNames()).toArray(Column[]::new));
    }

    /** The {@code metrics/} rows of {@link #segment}'s output: one per scored image and stage. */
    static Dataset<Row> metrics(Dataset<Row> segmented) {
        List<Column> out = new ArrayList<>();
        for (String name : Schemas.METRICS.fieldNames()) {
            out.add(Schemas.STAGE_SCORES.getFieldIndex(name).isDefined() ? col("m." + name) : col(name));
        }
        return segmented.where(col("metrics").isNotNull())
                .select(col("image_id"), col("content_hash"), col("model_version"), col("settings_hash"),
                        col("run_id"), explode(col("metrics")).as("m"))
                .select(out.toArray(Column[]::new));
    }

    static List<Column> columns(String[] names) {
        return Arrays.stream(names).map(n -> col(n)).toList();
    }
}
