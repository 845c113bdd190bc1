package dermaseg.metrics;

import static dermaseg.testing.AsciiMasks.mask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.image.BinaryMask;
import org.junit.jupiter.api.Test;

/**
 * Expected values are written as fractions: each score is one division of two integers, so it
 * equals the double nearest the fraction exactly, and the comparisons use no tolerance.
 */
class SegmentationScoresTest {
    @Test
    void handCheckedExample() {
        // the 4x4 example of ConfusionCountsTest: tp 3, fp 3, tn 8, fn 2
        SegmentationScores s = SegmentationScores.of(ConfusionCounts.of(
                mask("##..", "###.", "....", "...#"),
                mask(".#..", "##..", "##..", "....")));
        assertEquals(3.0 / 8, s.jaccard(), 0);
        assertEquals(0.0, s.thresholdedJaccard(), 0);
        assertEquals(6.0 / 11, s.dice(), 0);
        assertEquals(3.0 / 5, s.sensitivity(), 0);
        assertEquals(8.0 / 11, s.specificity(), 0);
        assertEquals(11.0 / 16, s.accuracy(), 0);
    }

    @Test
    void goodSegmentationKeepsItsJaccard() {
        SegmentationScores s = SegmentationScores.of(ConfusionCounts.of(
                mask("....", ".##.", ".###", "...."),
                mask("....", ".##.", ".##.", "....")));
        // tp 4, fp 1, fn 0, tn 11
        assertEquals(4.0 / 5, s.jaccard(), 0);
        assertEquals(4.0 / 5, s.thresholdedJaccard(), 0);
        assertEquals(8.0 / 9, s.dice(), 0);
        assertEquals(1.0, s.sensitivity(), 0);
        assertEquals(11.0 / 12, s.specificity(), 0);
        assertEquals(15.0 / 16, s.accuracy(), 0);
    }

    @Test
    void diceAndJaccardAgree() {
        ConfusionCounts c = new ConfusionCounts(37, 11, 500, 5);
        SegmentationScores s = SegmentationScores.of(c);
        assertEquals(2 * s.jaccard() / (1 + s.jaccard()), s.dice(), 1e-15);
    }

    @Test
    void bothMasksEmptyIsPerfect() {
        SegmentationScores s = SegmentationScores.of(ConfusionCounts.of(BinaryMask.empty(4, 4), BinaryMask.empty(4, 4)));
        assertEquals(new SegmentationScores(1, 1, 1, 1, 1, 1), s);
    }

    @Test
    void missedLesionScoresZero() {
        SegmentationScores s = SegmentationScores.of(ConfusionCounts.of(
                BinaryMask.empty(4, 4), mask("....", ".##.", "....", "....")));
        assertEquals(0.0, s.jaccard(), 0);
        assertEquals(0.0, s.dice(), 0);
        assertEquals(0.0, s.sensitivity(), 0);
        assertEquals(1.0, s.specificity(), 0);
        assertEquals(14.0 / 16, s.accuracy(), 0);
    }

    @Test
    void lesionFoundInCleanSkinScoresZeroButFullSensitivity() {
        SegmentationScores s = SegmentationScores.of(ConfusionCounts.of(
                mask("#...", "....", "....", "...."), BinaryMask.empty(4, 4)));
        assertEquals(0.0, s.jaccard(), 0);
        assertEquals(0.0, s.dice(), 0);
        assertEquals(1.0, s.sensitivity(), 0);
        assertEquals(15.0 / 16, s.specificity(), 0);
    }

    @Test
    void lesionEverywhereHasFullSpecificity() {
        SegmentationScores s = SegmentationScores.of(ConfusionCounts.of(
                mask("####", "####"), mask("####", "####")));
        assertEquals(new SegmentationScores(1, 1, 1, 1, 1, 1), s);
    }

    @Test
    void thresholdIsInclusiveAtPointSixFive() {
        // 13 / 20 is exactly the double 0.65
        assertEquals(0.65, SegmentationScores.of(new ConfusionCounts(13, 4, 100, 3)).thresholdedJaccard(), 0);
        // 1299 / 1999 = 0.64982...
        assertEquals(0.0, SegmentationScores.of(new ConfusionCounts(1299, 350, 100, 350)).thresholdedJaccard(), 0);
        assertEquals(1301.0 / 2001, SegmentationScores.of(new ConfusionCounts(1301, 350, 100, 350)).thresholdedJaccard(), 0);
        assertEquals(0.0, SegmentationScores.thresholdJaccard(Math.nextDown(0.65)), 0);
        assertEquals(0.65, SegmentationScores.thresholdJaccard(0.65), 0);
    }

    @Test
    void scoresOutsideTheUnitIntervalAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentationScores(1.5, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SegmentationScores(0, 0, Double.NaN, 0, 0, 0));
    }
}
