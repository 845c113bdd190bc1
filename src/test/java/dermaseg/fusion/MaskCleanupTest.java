package dermaseg.fusion;

import static dermaseg.testing.AsciiMasks.mask;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dermaseg.image.BinaryMask;
import org.junit.jupiter.api.Test;

class MaskCleanupTest {
    @Test
    void keepsTheLargestRegionAndFillsItsHoles() {
        BinaryMask in = mask(
                "##.......",
                "##..####.",
                "....#..#.",
                "....#.##.",
                "....####.",
                ".........");
        BinaryMask expected = mask(
                ".........",
                "....####.",
                "....####.",
                "....####.",
                "....####.",
                ".........");
        assertArrayEquals(expected.pixels(),
                MaskCleanup.apply(in, FusionConfig.builder().build()).pixels());
    }

    @Test
    void diagonalNeighboursBelongToOneRegion() {
        BinaryMask in = mask(
                "#....",
                ".#...",
                "..#..",
                "....#");
        assertEquals(3, MaskCleanup.largestComponent(in).area());
    }

    @Test
    void backgroundTouchingTheBorderIsNotAHole() {
        BinaryMask in = mask(
                "..###",
                "..#..",
                "..###");
        assertArrayEquals(in.pixels(), MaskCleanup.fillHoles(in).pixels());
    }

    @Test
    void emptyMaskStaysEmpty() {
        BinaryMask empty = BinaryMask.empty(7, 5);
        assertEquals(0, MaskCleanup.apply(empty, FusionConfig.builder().build()).area());
    }
}
