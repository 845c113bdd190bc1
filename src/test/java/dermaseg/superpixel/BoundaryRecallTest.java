package dermaseg.superpixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import org.junit.jupiter.api.Test;

class BoundaryRecallTest {
    private static final int W = 20;
    private static final int H = 10;

    /** Two regions split by a vertical line: columns below {@code split} are 0, the rest 1. */
    private static int[] halves(int split) {
        int[] labels = new int[W * H];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % W < split ? 0 : 1;
        }
        return labels;
    }

    @Test
    void identicalBoundariesAreFullyRecalled() {
        SuperpixelLabels sp = new SuperpixelLabels(W, H, 2, halves(10));
        assertEquals(1.0, BoundaryRecall.of(sp, halves(10), W, H, 0));
    }

    @Test
    void toleranceIsAEuclideanDistanceInPixels() {
        // Ground-truth boundary pixels are columns 9 and 10; the superpixels' are 12 and 13.
        SuperpixelLabels sp = new SuperpixelLabels(W, H, 2, halves(13));
        int[] truth = halves(10);
        assertEquals(0.0, BoundaryRecall.of(sp, truth, W, H, 1));
        assertEquals(0.5, BoundaryRecall.of(sp, truth, W, H, 2));
        assertEquals(1.0, BoundaryRecall.of(sp, truth, W, H, 3));
    }

    @Test
    void toleranceIsADiscNotASquare() {
        // One-pixel regions: the truth's at (12, 3), the superpixel's at (15, 5); each boundary
        // is the pixel and its four neighbours. The closest pairs, (13, 3)-(14, 5) and
        // (12, 4)-(14, 5), are sqrt(5) apart: inside a 5x5 square, outside a disc of radius 2.
        int[] truth = new int[W * H];
        truth[3 * W + 12] = 1;
        int[] labels = new int[W * H];
        labels[5 * W + 15] = 1;
        SuperpixelLabels sp = new SuperpixelLabels(W, H, 2, labels);
        assertEquals(0.0, BoundaryRecall.of(sp, truth, W, H, 2));
        // Radius 3 adds (13, 3), (12, 4) and (12, 3) (sqrt 8 from (14, 5)), not (11, 3), (12, 2).
        assertEquals(3.0 / 5, BoundaryRecall.of(sp, truth, W, H, 3), 1e-12);
    }

    @Test
    void maskOverloadMatchesLabels() {
        int[] truth = halves(8);
        byte[] mask = new byte[truth.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = truth[i] == 1 ? BinaryMask.ON : 0;
        }
        SuperpixelLabels sp = new SuperpixelLabels(W, H, 2, halves(11));
        double fromMask = BoundaryRecall.of(sp, new BinaryMask(W, H, mask), 2);
        assertEquals(BoundaryRecall.of(sp, truth, W, H, 2), fromMask);
        assertTrue(fromMask > 0 && fromMask < 1);
    }

    @Test
    void noGroundTruthBoundaryIsNaN() {
        SuperpixelLabels sp = new SuperpixelLabels(W, H, 2, halves(10));
        assertTrue(Double.isNaN(BoundaryRecall.of(sp, new int[W * H], W, H, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> BoundaryRecall.of(sp, new int[W * H], W, H - 1, 2));
    }
}
