package dermaseg.spark;

import dermaseg.fusion.FusionConfig;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.MaskCodec;
import dermaseg.io.HadoopFiles;
import dermaseg.io.TransientFailures;
import dermaseg.metrics.BoundaryScores;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.Ablation;
import dermaseg.pipeline.MetricStage;
import dermaseg.pipeline.SegmentationResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scoring against ground truth, for every caller of {@link LesionSegmentation}, so that a
 * metric row means the same whichever job wrote it.
 */
final class Scoring {
    /** The {@code ground_truth_status} of an image whose scores could not be computed. */
    static final String SCORING_FAILED = "scoring_failed";

    private Scoring() {
    }

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
     * a ground-truth problem must cost the image its scores, not fail the task. A store that does
     * not answer is not the mask's fault: it fails the task.
     */
    static GroundTruth readGroundTruth(String uri, Configuration conf, MaskCodec codec, long maxBytes) {
        try {
            return decodeGroundTruth(HadoopFiles.read(uri, conf, maxBytes), codec);
        } catch (IOException | RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw new TransientFailures.StoreUnavailableException("reading the mask " + uri, e);
            }
            return new GroundTruth(null, InputFailure.of(e).reason());
        }
    }

    /** A mask from its bytes, or why it cannot be used. */
    static GroundTruth decodeGroundTruth(byte[] bytes, MaskCodec codec) {
        try {
            return new GroundTruth(codec.decode(bytes), GroundTruth.OK);
        } catch (ImageDecodeException | RuntimeException e) {
            return new GroundTruth(null, InputFailure.of(e).reason());
        }
    }

    /**
     * An image's {@link Schemas#STAGE_SCORES} rows, or why there are none.
     *
     * @param rows    one per metric stage, or null
     * @param failure {@code scoring_failed} and what went wrong when scoring threw, else null
     */
    record Scores(List<Row> rows, InputFailure failure) {
    }

    /**
     * {@link #stageScores}, with an unexpected failure caught: scoring is the last step of an
     * image that already has its mask, and must not take the mask (or the task) down with it.
     */
    static Scores score(SegmentationResult r, BinaryMask truth, FusionConfig cleanup) {
        try {
            return new Scores(stageScores(r, truth, cleanup), null);
        } catch (RuntimeException e) {
            return new Scores(null, new InputFailure(SCORING_FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * Each metric stage's mask scored against the truth, in {@link MetricStage} order:
     * {@link Schemas#STAGE_SCORES} rows of overlap scores, border distances and pixel counts.
     */
    static List<Row> stageScores(SegmentationResult r, BinaryMask truth, FusionConfig cleanup) {
        Map<Ablation.Variant, BinaryMask> variants = Ablation.masks(r, cleanup);
        List<Row> rows = new ArrayList<>(MetricStage.values().length);
        for (MetricStage stage : MetricStage.values()) {
            BinaryMask mask = variants.get(stage.variant());
            ConfusionCounts c = ConfusionCounts.of(mask, truth);
            SegmentationScores s = SegmentationScores.of(c);
            BoundaryScores b = BoundaryScores.of(mask, truth);
            rows.add(RowFactory.create(stage.id(), s.jaccard(), s.dice(), s.sensitivity(), s.specificity(),
                    s.accuracy(), s.thresholdedJaccard(), b.hd95(), b.hd95OfDiagonal(), b.assd(), b.assdOfDiagonal(),
                    b.boundaryF(), c.tp(), c.fp(), c.fn(), c.tn()));
        }
        return rows;
    }
}
