package dermaseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dermaseg.testing.AsciiMasks;
import org.junit.jupiter.api.Test;

class BinaryMaskTest {
    @Test
    void theBoundingBoxHoldsEveryLesionPixel() {
        assertArrayEquals(new int[] {1, 1, 5, 3}, AsciiMasks.mask(
                "......",
                "..#...",
                ".#...#",
                "...#..").boundingBox(), "rows with a gap, a pixel on the right edge, the bottom row");
        assertArrayEquals(new int[] {2, 0, 1, 1}, AsciiMasks.mask("..#", "...").boundingBox());
        assertArrayEquals(new int[] {0, 0, 3, 2}, AsciiMasks.mask("###", "###").boundingBox());
        assertArrayEquals(new int[] {0, 0, 0, 0}, BinaryMask.empty(3, 2).boundingBox());
    }
}
