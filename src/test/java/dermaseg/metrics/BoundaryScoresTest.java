package dermaseg.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.image.BinaryMask;
import org.junit.jupiter.api.Test;

class BoundaryScoresTest {
    /** A {@code width × height} image with the rectangle {@code [x0, x0 + w) × [y0, y0 + h)} set. */
    private static BinaryMask rectangle(int width, int height, int x0, int y0, int w, int h) {
        byte[] p = new byte[width * height];
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                p[y * width + x] = BinaryMask.ON;
            }
        }
        return new BinaryMask(width, height, p);
    }

    @Test
    void identicalMasksAreZeroApartAndFindEveryBorderPixel() {
        BinaryMask square = rectangle(40, 30, 5, 5, 12, 9);
        BoundaryScores s = BoundaryScores.of(square, square);
        assertEquals(0, s.hd95(), 0);
        assertEquals(0, s.assd(), 0);
        assertEquals(1, s.boundaryF(), 0);
        assertEquals(50, s.diagonal(), 0);
    }

    /**
     * Two 10 × 10 squares, the second 3 px to the right. Worked out by hand, per direction (the two
     * are mirror images, so both directions give the same 36 distances): the left column's 10
     * border pixels are 3 from the other square's left column; of the top row's 8 inner pixels
     * three are 2, 1 and 0 away and five lie on the other top row (0), the same for the bottom
     * row; the right column's 8 inner pixels are 1, 2, 3, 3, 3, 3, 2, 1 away (the other square's
     * top and bottom rows pass through this column), and its two corners lie on them (0). So 14
     * zeros, 4 ones, 4 twos and 14 threes: sum 54, 95th percentile 3 (ranks 33 and 34 of 0..35 are
     * both 3).
     */
    @Test
    void twoOffsetSquaresHaveTheDistancesWorkedOutByHand() {
        BinaryMask a = rectangle(40, 40, 10, 10, 10, 10);
        BinaryMask b = rectangle(40, 40, 13, 10, 10, 10);
        BoundaryScores s = BoundaryScores.of(a, b);
        assertEquals(3, s.hd95(), 1e-6);
        assertEquals(108.0 / 72, s.assd(), 1e-6);
        // The tolerance, 0.75% of a 56.6 px diagonal, is 0.42 px: only the 14 coinciding pixels count.
        double p = 14.0 / 36;
        assertEquals(p, s.boundaryF(), 1e-9);
        assertEquals(3 / Math.hypot(40, 40), s.hd95OfDiagonal(), 1e-9);
        assertEquals(1.5 / Math.hypot(40, 40), s.assdOfDiagonal(), 1e-9);
        assertEquals(s, BoundaryScores.of(b, a), "symmetric");
    }

    /**
     * Two 10 × 10 squares side by side, 21 px apart (columns 10..19 and 40..49): from either, the
     * near column's 10 border pixels are 21 away, the far column's 10 are 30, and the top and
     * bottom rows' inner pixels 22..29 (one each per row). Sum 918 over 36, 95th percentile 30.
     */
    @Test
    void aBorderFartherThanTheToleranceScoresNoBoundaryF() {
        // 100 × 100: the tolerance is 1.06 px.
        BoundaryScores s = BoundaryScores.of(rectangle(100, 100, 10, 10, 10, 10), rectangle(100, 100, 40, 10, 10, 10));
        assertEquals(0, s.boundaryF(), 0);
        assertEquals(30, s.hd95(), 1e-4, "OpenCV's distances are floats");
        assertEquals(918.0 / 36, s.assd(), 1e-5);
    }

    /**
     * A 96 × 96 square 2 px inside a 100 × 100 one: the inner square's 380 border pixels are all 2
     * from the outer's; of the outer's 396, each corner has three farther (√8, √5, √5), the rest
     * are 2. So HD95 is 2 (12 of 396 above it), ASSD (760 + 768 + 4√8 + 8√5) / 776.
     */
    @Test
    void aBorderWithinTheToleranceCounts() {
        // 400 × 400: the tolerance is 4.24 px, while the Jaccard index is only 96² / 100² = 0.92.
        BoundaryScores s = BoundaryScores.of(rectangle(400, 400, 100, 100, 100, 100),
                rectangle(400, 400, 102, 102, 96, 96));
        assertEquals(1, s.boundaryF(), 0);
        assertEquals(2, s.hd95(), 1e-6);
        assertEquals((760 + 768 + 4 * Math.sqrt(8) + 8 * Math.sqrt(5)) / 776, s.assd(), 1e-5);
    }

    @Test
    void aLesionAtTheImageEdgeHasABorderAlongIt() {
        // The whole image against its left half: the full mask's border is the image's frame, and
        // its right column (x = 9) is 5 px from the half's right column (x = 4).
        BoundaryScores s = BoundaryScores.of(rectangle(10, 10, 0, 0, 10, 10), rectangle(10, 10, 0, 0, 5, 10));
        assertEquals(5, s.hd95(), 1e-6);
    }

    @Test
    void emptyMasksAreDefined() {
        BinaryMask empty = BinaryMask.empty(30, 40);
        BoundaryScores none = BoundaryScores.of(empty, empty);
        assertEquals(new BoundaryScores(0, 0, 1, 50), none, "both empty: a correct 'no lesion'");
        BinaryMask lesion = rectangle(30, 40, 5, 5, 5, 5);
        BoundaryScores missed = BoundaryScores.of(empty, lesion);
        assertEquals(new BoundaryScores(50, 50, 0, 50), missed, "missed lesion: the diagonal, the worst possible");
        assertEquals(1, missed.hd95OfDiagonal(), 0);
        assertEquals(missed, BoundaryScores.of(lesion, empty), "invented lesion: the same");
    }

    @Test
    void percentileInterpolatesBetweenRanks() {
        float[] values = {4, 1, 3, 2, 0};
        assertEquals(2, BoundaryScores.percentile(values, 50), 0);
        assertEquals(3.8, BoundaryScores.percentile(values, 95), 1e-6);
        assertEquals(4, BoundaryScores.percentile(new float[] {4}, 95), 0);
    }

    @Test
    void masksOfDifferentSizesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> BoundaryScores.of(BinaryMask.empty(4, 4), BinaryMask.empty(4, 5)));
    }
}
