package dermaseg.spark;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Explicit schemas of everything the segment job reads, passes between stages and writes. The
 * output schemas are the contract with the people who query the Parquet: README.md documents
 * them column by column, and a test checks that the two agree.
 */
public final class Schemas {
    private Schemas() {
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    /** One input image, before any pixel is read: the listing that is repartitioned. */
    public static final StructType INPUT = new StructType(new StructField[] {
        field("image_id", StringType, false),
        field("source", StringType, false),
        field("ground_truth", StringType, true),
        field("duplicate_of", StringType, true),
    });

    /**
     * Between the stages: the compact form of an image in flight. Stage 1 fills it up to
     * {@code global_map}; stage 2 adds {@code local_map} and the superpixel count.
     */
    public static final StructType STAGE = new StructType(new StructField[] {
        field("image_id", StringType, false),
        field("source", StringType, false),
        field("ground_truth", StringType, true),
        field("status", StringType, false),
        field("error", StringType, true),
        field("error_detail", StringType, true),
        field("width", IntegerType, true),
        field("height", IntegerType, true),
        field("analysis_width", IntegerType, true),
        field("analysis_height", IntegerType, true),
        field("analysis_bgr", BinaryType, true),
        field("global_map", BinaryType, true),
        field("local_map", BinaryType, true),
        field("superpixel_count", IntegerType, true),
        field("decode_ms", DoubleType, true),
        field("fcn_ms", DoubleType, true),
        field("superpixel_ms", DoubleType, true),
        field("ranking_ms", DoubleType, true),
        field("executor", StringType, true),
        field("model_loads", IntegerType, true),
    });

    /** One row of {@code metrics/}: one image scored at one stage. */
    public static final StructType METRICS = new StructType(new StructField[] {
        field("image_id", StringType, false),
        field("stage", StringType, false),
        field("jaccard", DoubleType, false),
        field("dice", DoubleType, false),
        field("sensitivity", DoubleType, false),
        field("specificity", DoubleType, false),
        field("accuracy", DoubleType, false),
        field("thresholded_jaccard", DoubleType, false),
        field("run_id", StringType, false),
    });

    /** One row of {@code masks/}: one input file, whatever became of it. */
    public static final StructType MASKS = new StructType(new StructField[] {
        field("image_id", StringType, false),
        field("source", StringType, false),
        field("width", IntegerType, true),
        field("height", IntegerType, true),
        field("mask_png", BinaryType, true),
        field("lesion_area", LongType, true),
        field("lesion_fraction", DoubleType, true),
        field("bbox_x", IntegerType, true),
        field("bbox_y", IntegerType, true),
        field("bbox_width", IntegerType, true),
        field("bbox_height", IntegerType, true),
        field("mean_fcn_probability", DoubleType, true),
        field("otsu_threshold", DoubleType, true),
        field("fusion_weight", DoubleType, true),
        field("superpixel_count", IntegerType, true),
        field("decode_ms", DoubleType, true),
        field("fcn_ms", DoubleType, true),
        field("superpixel_ms", DoubleType, true),
        field("ranking_ms", DoubleType, true),
        field("fusion_ms", DoubleType, true),
        field("encode_ms", DoubleType, true),
        field("ground_truth", StringType, true),
        field("ground_truth_status", StringType, true),
        field("model_version", StringType, false),
        field("run_id", StringType, false),
        field("executor", StringType, true),
        field("status", StringType, false),
        field("error", StringType, true),
        field("error_detail", StringType, true),
    });

    /** Stage 3's output: a {@code masks/} row with its {@code metrics/} rows nested. */
    public static final StructType RESULT = MASKS.add(field("metrics",
            DataTypes.createArrayType(METRICS, false), true))
            .add(field("model_loads", IntegerType, true));

    /** The evaluate job's {@code data/metrics/}: {@link #METRICS} rows and where each came from. */
    public static final StructType EVALUATION_METRICS = METRICS.add(field("origin", StringType, false));

    /** The evaluate job's {@code data/images/}: one row per {@code masks/} row, scored or not and why. */
    public static final StructType EVALUATION_IMAGES = new StructType(new StructField[] {
        field("image_id", StringType, false),
        field("source", StringType, true),
        field("outcome", StringType, false),
        field("reason", StringType, true),
        field("reason_detail", StringType, true),
        field("segment_status", StringType, false),
        field("ground_truth", StringType, true),
        field("ground_truth_status", StringType, true),
        field("metrics_origin", StringType, true),
        field("rerun_mask_jaccard", DoubleType, true),
        field("fused_jaccard", DoubleType, true),
        field("lesion_fraction", DoubleType, true),
        field("mean_fcn_probability", DoubleType, true),
        field("model_version", StringType, false),
        field("run_id", StringType, false),
    });

    /** An image the evaluate job runs through the pipeline again, with what it needs to score it. */
    public static final StructType RERUN_INPUT = new StructType(new StructField[] {
        field("image_id", StringType, false),
        field("source", StringType, true),
        field("ground_truth", StringType, true),
        field("width", IntegerType, true),
        field("height", IntegerType, true),
        field("mask_png", BinaryType, true),
        field("run_id", StringType, false),
    });

    /**
     * What a re-run gives: the metric rows (when the ground truth could be used), how far the
     * re-run's fused mask agrees with the stored one, and the gallery figure when asked for.
     */
    public static final StructType RERUN_OUTPUT = new StructType(new StructField[] {
        field("image_id", StringType, false),
        field("status", StringType, false),
        field("error", StringType, true),
        field("error_detail", StringType, true),
        field("ground_truth_status", StringType, true),
        field("rerun_mask_jaccard", DoubleType, true),
        field("metrics", DataTypes.createArrayType(METRICS, false), true),
        field("figure_png", BinaryType, true),
    });
}
