package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.RecordedSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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

    /**
     * The Transformer for re-runs: the segment run's model (refused unless its version is the one
     * in {@code masks/}) and the pipeline settings its summary recorded. A note says when those
     * cannot be reproduced exactly (a summary that does not record them, or a setting the model
     * card of {@code --model} no longer has).
     */
    static LesionSegmentation segmentation(Dataset<Row> segment, RunSummary run, EvaluateOptions o,
            Configuration hadoop, List<String> notes) {
        LesionSegmentation t = new LesionSegmentation().setModel(o.model.model()).setBatchSize(o.batchSize.batchSize);
        Optional<RecordedSettings> recorded = run == null ? Optional.empty() : run.recordedSettings();
        recorded.ifPresentOrElse(r -> apply(r, t), () -> notes.add("The segment run's summary.json does not "
                + "record its pipeline settings; re-runs used the model card's settings and the default analysis "
                + "size."));
        ResolvedSettings resolved = t.resolveSettings(hadoop);
        List<String> versions = segment.where(col("status").equalTo(FusedMasks.OK)).select("model_version")
                .distinct().orderBy("model_version").as(Encoders.STRING()).collectAsList();
        if (!versions.isEmpty() && !versions.equals(List.of(resolved.modelVersion()))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s was segmented with model %s, but --model %s is model %s: a re-run with another model "
                            + "would score masks that the segment run did not make. Pass --model <folder of model %s>.",
                    o.segmentOutput, String.join(", ", versions), o.model.model(), resolved.modelVersion(),
                    versions.get(0)));
        }
        if (recorded.isPresent() && run.settingsHash != null && !run.settingsHash.equals(resolved.settingsHash())) {
            notes.add("Re-runs could not reproduce the segment run's stage settings exactly (settings hash "
                    + resolved.settingsHash() + ", the run's " + run.settingsHash + "): the model card of --model "
                    + "differs in a setting the run did not give on its command line.");
        }
        return t;
    }

    private static void apply(RecordedSettings r, LesionSegmentation t) {
        t.setAnalysisMaxSide(r.analysisMaxSide()).setFusionWeight(r.fusionWeight());
        if (r.maxPixels() != null) {
            t.setMaxPixels(r.maxPixels());
        }
        if (r.maxBytes() != null) {
            t.setMaxBytes(r.maxBytes());
        }
        if (r.superpixels() != null) {
            t.setSuperpixels(r.superpixels());
        }
        if (r.sigmaScale() != null) {
            t.setSigmaScale(r.sigmaScale());
        }
        if (r.lesionSeedThreshold() != null) {
            t.setLesionSeedThreshold(r.lesionSeedThreshold()).setSkinSeedThreshold(r.skinSeedThreshold());
        }
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
