package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The evaluate job's re-runs, through {@link LesionSegmentation} like every segmentation: the
 * {@code masks/} table keeps only the fused mask, so scoring the FCN and superpixel stages, or
 * drawing an image's figure, means segmenting its source image again with the segment run's model
 * and settings. The re-run's fused mask is compared with the stored one, which shows whether it
 * was the same pipeline.
 */
final class Reruns {
    private Reruns() {
    }

    /**
     * Scores of the images of {@code input} ({@code image_id}, {@code source}, {@code ground_truth},
     * the stored {@code mask_png}, ...): every input column, the Transformer's, and
     * {@code rerun_mask_jaccard}, the re-run's fused mask against the stored one (null when either
     * is missing, 0 when their sizes differ).
     */
    static Dataset<Row> scores(Dataset<Row> input, LesionSegmentation segmentation, int partitions) {
        Dataset<Row> segmented = configure(segmentation).setFigureMaxSide(0)
                .transform(input.withColumnRenamed("mask_png", "stored_mask_png").repartition(partitions));
        return segmented.withColumn("rerun_mask_jaccard", AGREEMENT.apply(col("stored_mask_png"), col("mask_png")));
    }

    /** The figures of the images of {@code input}, panels at most {@code side} pixels: the gallery's. */
    static Dataset<Row> figures(Dataset<Row> input, LesionSegmentation segmentation, int side, int partitions) {
        return configure(segmentation).setFigureMaxSide(side).transform(input.drop("mask_png").repartition(partitions))
                .select("image_id", "status", "error", "error_detail", "figure_png");
    }

    private static LesionSegmentation configure(LesionSegmentation segmentation) {
        return segmentation.copy(new ParamMap()).setPathCol("source").setIdCol("image_id")
                .setMaskPathCol("ground_truth");
    }

    private static final UserDefinedFunction AGREEMENT = udf((UDF2<byte[], byte[], Double>) Reruns::agreement,
            DataTypes.DoubleType);

    /** Jaccard of the re-run's fused mask against the stored one; null if either cannot be read. */
    static Double agreement(byte[] storedPng, byte[] rerunPng) {
        if (storedPng == null || rerunPng == null) {
            return null;
        }
        try {
            MaskCodec codec = new MaskCodec();
            BinaryMask stored = codec.decode(storedPng);
            BinaryMask rerun = codec.decode(rerunPng);
            if (stored.width() != rerun.width() || stored.height() != rerun.height()) {
                return 0.0;
            }
            return SegmentationScores.of(ConfusionCounts.of(rerun, stored)).jaccard();
        } catch (ImageDecodeException e) {
            return null;
        }
    }
}
