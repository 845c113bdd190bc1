package dermaseg.metrics;

import static dermaseg.testing.AsciiMasks.mask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import org.junit.jupiter.api.Test;

class ConfusionCountsTest {
    @Test
    void countsAHandCheckedExample() {
        BinaryMask predicted = mask(
                "##..",
                "###.",
                "....",
                "...#");
        BinaryMask truth = mask(
                ".#..",
                "##..",
                "##..",
                "....");
        // tp: (1,0) (0,1) (1,1); fp: (0,0) (2,1) (3,3); fn: (0,2) (1,2); tn: the other 8
        assertEquals(new ConfusionCounts(3, 3, 8, 2), ConfusionCounts.of(predicted, truth));
    }

    @Test
    void swappingMasksSwapsErrors() {
        BinaryMask a = mask("##..", "#...");
        BinaryMask b = mask(".###", "....");
        ConfusionCounts ab = ConfusionCounts.of(a, b);
        ConfusionCounts ba = ConfusionCounts.of(b, a);
        assertEquals(new ConfusionCounts(1, 2, 3, 2), ab);
        assertEquals(new ConfusionCounts(ab.tp(), ab.fn(), ab.tn(), ab.fp()), ba);
        assertEquals(8, ab.total());
    }

    @Test
    void sizeMismatchIsRefusedWithBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionCounts.of(BinaryMask.empty(4, 3), BinaryMask.empty(3, 4)));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("3x4"), e.getMessage());
    }

    @Test
    void plusAddsEachCount() {
        ConfusionCounts sum = new ConfusionCounts(1, 2, 3, 4).plus(new ConfusionCounts(10, 20, 30, 40));
        assertEquals(new ConfusionCounts(11, 22, 33, 44), sum);
        assertEquals(sum, sum.plus(ConfusionCounts.ZERO));
    }

    @Test
    void negativeCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConfusionCounts(0, -1, 0, 0));
    }

    @Test
    void overflowIsNotSilent() {
        ConfusionCounts huge = new ConfusionCounts(Long.MAX_VALUE, 0, 0, 0);
        assertThrows(ArithmeticException.class, () -> huge.plus(new ConfusionCounts(1, 0, 0, 0)));
    }
}
