package dermaseg.spark;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import dermaseg.pipeline.MetricStage;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Explicit schemas of what the Transformer appends and what the jobs list and write. The output
 * schemas are the contract with the people who query the tables: README.md documents them
 * column by column, and a test checks that the two agree.
 */
public final class Schemas {
    private Schemas() {
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    /** The metric stages in pipeline order ({@link MetricStage}): the order of every table and plot. */
    public static final List<String> METRIC_STAGES = MetricStage.NAMES;

    /** The per-image overlap scores, in the order of every metrics table. */
    public static final List<String> SCORE_NAMES = List.of(
            "jaccard", "dice", "sensitivity", "specificity", "accuracy", "thresholded_jaccard");

    /** The per-image border distances ({@link dermaseg.metrics.BoundaryScores}), after the overlap scores. */
    public static final List<String> BORDER_SCORE_NAMES = List.of(
            "hd95_px", "hd95_diagonal", "assd_px", "assd_diagonal", "boundary_f");

    /** Every per-image score that summaries average: the overlap scores, then the border distances. */
    public static final List<String> MEAN_SCORE_NAMES = joined(SCORE_NAMES, BORDER_SCORE_NAMES);

    /**
     * The pixel counts an image was scored from, last: summed over images they give the pooled
     * (dataset-level) scores, where every pixel weighs the same.
     */
    public static final List<String> PIXEL_COUNT_NAMES = List.of("tp_pixels", "fp_pixels", "fn_pixels", "tn_pixels");

    /** One image scored at one stage: an element of the Transformer's {@code metrics} array. */
    public static final StructType STAGE_SCORES = scores(new StructType().add(field("stage", StringType, false)));

    private static StructType scores(StructType head) {
        StructType s = head;
        for (String score : MEAN_SCORE_NAMES) {
            s = s.add(field(score, DoubleType, false));
        }
        for (String count : PIXEL_COUNT_NAMES) {
            s = s.add(field(count, LongType, false));
        }
        return s;
    }

    private static List<String> joined(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * A segmented image's mask, its measurements, its ABCD descriptors and the per-stage timings:
     * in the Transformer's output and in {@code masks/}.
     */
    private static final StructField[] MEASUREMENTS = {
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
        field("uncertainty", DoubleType, true),
        field("otsu_threshold", DoubleType, true),
        field("fusion_weight", DoubleType, true),
        field("superpixel_count", IntegerType, true),
        field("asymmetry_score", IntegerType, true),
        field("asymmetry_axis_degrees", DoubleType, true),
        field("shape_asymmetry_1", DoubleType, true),
        field("shape_asymmetry_2", DoubleType, true),
        field("colour_asymmetry_1", DoubleType, true),
        field("colour_asymmetry_2", DoubleType, true),
        field("compactness", DoubleType, true),
        field("border_abruptness", DataTypes.createArrayType(DoubleType, true), true),
        field("border_score", IntegerType, true),
        field("colours", DataTypes.createArrayType(StringType, false), true),
        field("colour_fractions", DataTypes.createArrayType(DoubleType, false), true),
        field("colour_score", IntegerType, true),
        field("diameter_px", DoubleType, true),
        field("diameter_mm", DoubleType, true),
        field("pixel_spacing_mm", DoubleType, true),
        field("tds_without_structures", DoubleType, true),
        field("decode_ms", DoubleType, true),
        field("fcn_ms", DoubleType, true),
        field("superpixel_ms", DoubleType, true),
        field("ranking_ms", DoubleType, true),
        field("fusion_ms", DoubleType, true),
        field("descriptors_ms", DoubleType, true),
        field("encode_ms", DoubleType, true),
    };

    /** What a mask was made from and with. */
    private static final StructField[] KEY = {
        field("content_hash", StringType, true),
        field("model_version", StringType, false),
        field("settings_hash", StringType, false),
    };

    /** Where it was made, and whether it was. */
    private static final StructField[] OUTCOME = {
        field("executor", StringType, true),
        field("status", StringType, false),
        field("error", StringType, true),
        field("error_detail", StringType, true),
    };

    private static StructType concat(StructField[]... parts) {
        StructType s = new StructType();
        for (StructField[] part : parts) {
            for (StructField f : part) {
                s = s.add(f);
            }
        }
        return s;
    }

    /**
     * What {@link LesionSegmentation} appends to every input row (after {@code image_id}, when
     * the input has no column of that name): the mask, its measurements, the per-stage timings,
     * what it was made from and with, and the row's status.
     */
    public static final StructType SEGMENTATION = concat(MEASUREMENTS, KEY, new StructField[] {
        field("executor", StringType, true),
        field("model_loads", IntegerType, true),
        field("status", StringType, false),
        field("error", StringType, true),
        field("error_detail", StringType, true),
    });

    /** Appended after {@link #SEGMENTATION} when the Transformer is given ground truth. */
    public static final StructType SCORING = new StructType(new StructField[] {
        field("ground_truth_status", StringType, true),
        field("metrics", DataTypes.createArrayType(STAGE_SCORES, false), true),
    });

    /** Appended last when the Transformer is asked for figures. */
    public static final StructField FIGURE = field("figure_png", BinaryType, true);

    /** An input file: its id, URI, and length and modification time when listed. */
    private static final StructField[] SOURCE = {
        field("image_id", StringType, false),
        field("source", StringType, false),
        field("source_length", LongType, true),
        field("source_modified", TimestampType, true),
    };

    /** One input image of a job, before any pixel is read: the listing that is repartitioned. */
    public static final StructType INPUT = concat(SOURCE, new StructField[] {field("ground_truth", StringType, true)});

    /** One row of {@code masks/}: one input file (one image id, in a table), whatever became of it. */
    public static final StructType MASKS = concat(SOURCE, MEASUREMENTS, new StructField[] {
        field("ground_truth", StringType, true),
        field("ground_truth_status", StringType, true),
    }, KEY, new StructField[] {field("run_id", StringType, false)}, OUTCOME);

    /** One row of {@code metrics/}: one image scored at one stage, with the key of its mask. */
    public static final StructType METRICS = scores(new StructType()
            .add(field("image_id", StringType, false))
            .add(field("stage", StringType, false)))
            .add(field("content_hash", StringType, true))
            .add(field("model_version", StringType, false))
            .add(field("settings_hash", StringType, false))
            .add(field("run_id", StringType, false));

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
        field("uncertainty", DoubleType, true),
        field("model_version", StringType, false),
        field("run_id", StringType, false),
    });
}
