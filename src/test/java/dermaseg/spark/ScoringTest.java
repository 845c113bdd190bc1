package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.fusion.FusionConfig;
import dermaseg.image.BinaryMask;
import dermaseg.image.MaskCodec;
import dermaseg.pipeline.SegmentationResult;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Ground-truth and scoring failures become statuses, never exceptions that would fail a task. */
class ScoringTest {
    @Test
    void aGroundTruthThatCannotBeReadIsAStatus() {
        // Not a valid URI (a space): taken as a path, which does not exist.
        Scoring.GroundTruth truth = Scoring.readGroundTruth("masks/not a uri.png", new Configuration(),
                new MaskCodec(), 1 << 20);
        assertNull(truth.mask());
        assertEquals("missing", truth.status());
        Scoring.GroundTruth garbage = Scoring.decodeGroundTruth("not a mask".getBytes(), new MaskCodec());
        assertNull(garbage.mask());
        assertEquals("unsupported_format", garbage.status());
    }

    @Test
    void aScoringFailureIsReportedNotThrown() {
        BinaryMask mask = BinaryMask.empty(8, 6);
        // No stage outputs: the ablation variants cannot be made, so scoring throws inside.
        SegmentationResult broken = new SegmentationResult(mask, new byte[0], 0.5f, 0, new int[4], 0, 0.7, null);
        Scoring.Scores scores = Scoring.score(broken, mask, FusionConfig.builder().build());
        assertNull(scores.rows());
        assertNotNull(scores.failure());
        assertEquals(Scoring.SCORING_FAILED, scores.failure().reason());
        assertTrue(scores.failure().detail().startsWith("NullPointerException"), scores.failure().detail());
    }
}
