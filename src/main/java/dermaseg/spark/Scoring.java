package dermaseg.spark;

import dermaseg.fusion.FusionConfig;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.Ablation;
import dermaseg.pipeline.SegmentationResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scoring against ground truth, shared by the segment job's fusion stage and the evaluate job's
 * re-runs, so that a metric row means the same whichever job wrote it.
 */
final class Scoring {
    /** Metric stage names, as written to {@code metrics/}, for the ablation variants they come from. */
    static final Map<Ablation.Variant, String> METRIC_STAGES = Map.of(
            Ablation.Variant.FCN_HALF, "fcn",
            Ablation.Variant.SUPERPIXEL, "superpixel",
            Ablation.Variant.FUSED, "fused");

    private Scoring() {
    }

    /** The {@code ground_truth_status} of an image whose scores could not be computed. */
    static final String SCORING_FAILED = "scoring_failed";

    /**
     * A ground-truth mask, or why there is none: {@code status} is {@code ok} with a mask, else a
     * reason code ({@code missing}, {@code too_large}, {@code unreadable}, a decode reason, or
     * {@code decode_failed} for anything unexpected) and no mask.
     */
    record GroundTruth(BinaryMask mask, String status) {
        static final String OK = "ok";

        boolean ok() {
            return mask != null;
        }

        /** {@code size_mismatch} unless the mask is {@code width × height}. */
        GroundTruth requireSize(int width, int height) {
            return !ok() || (mask.width() == width && mask.height() == height) ? this
                    : new GroundTruth(null, "size_mismatch");
        }
    }

    /**
     * Reads and decodes a mask; a file that cannot be used becomes a status, never an exception:
     * a ground-truth problem must cost the image its scores, not fail the task.
     */
    static GroundTruth readGroundTruth(String uri, Configuration conf, MaskCodec codec, long maxBytes) {
        try {
            return new GroundTruth(codec.decode(HadoopFiles.read(uri, conf, maxBytes)), GroundTruth.OK);
        } catch (ImageDecodeException | IOException | RuntimeException e) {
            return new GroundTruth(null, InputFailure.of(e).reason());
        }
    }

    /**
     * An image's metric rows, or why there are none.
     *
     * @param rows    the {@link Schemas#METRICS} rows, or null
     * @param failure {@code scoring_failed} and what went wrong when scoring threw, else null
     */
    record Scores(List<Row> rows, InputFailure failure) {
    }

    /**
     * {@link #metricRows}, with an unexpected failure caught: scoring is the last step of an
     * image that already has its mask, and must not take the mask (or the task) down with it.
     */
    static Scores score(String imageId, SegmentationResult r, BinaryMask truth, FusionConfig cleanup,
            String runId) {
        try {
            return new Scores(metricRows(imageId, r, truth, cleanup, runId), null);
        } catch (RuntimeException e) {
            return new Scores(null, new InputFailure(SCORING_FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** {@link Schemas#METRICS} rows of one image: each metric stage's mask against the truth. */
    static List<Row> metricRows(String imageId, SegmentationResult r, BinaryMask truth, FusionConfig cleanup,
            String runId) {
        List<Row> rows = new ArrayList<>(METRIC_STAGES.size());
        Map<Ablation.Variant, BinaryMask> variants = Ablation.masks(r, cleanup);
        for (Ablation.Variant variant : Ablation.Variant.values()) {
            String name = METRIC_STAGES.get(variant);
            if (name == null) {
                continue;
            }
            SegmentationScores s = SegmentationScores.of(ConfusionCounts.of(variants.get(variant), truth));
            rows.add(RowFactory.create(imageId, name, s.jaccard(), s.dice(), s.sensitivity(), s.specificity(),
                    s.accuracy(), s.thresholdedJaccard(), runId));
        }
        return rows;
    }
}
