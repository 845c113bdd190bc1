package dermaseg.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dermaseg.image.BinaryMask;
import org.junit.jupiter.api.Test;

class MaskCleanupTest {
    private static BinaryMask parse(String... rows) {
        int w = rows[0].length();
        byte[] p = new byte[w * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < w; x++) {
                if (rows[y].charAt(x) == '#') {
                    p[y * w + x] = BinaryMask.ON;
                }
            }
        }
        return new BinaryMask(w, rows.length, p);
    }

    @Test
    void keepsTheLargestRegionAndFillsItsHoles() {
        BinaryMask in = parse(
                "##.......",
                "##..####.",
                "....#..#.",
                "....#.##.",
                "....####.",
                ".........");
        BinaryMask expected = parse(
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
        BinaryMask in = parse(
                "#....",
                ".#...",
                "..#..",
                "....#");
        assertEquals(3, MaskCleanup.largestComponent(in).area());
    }

    @Test
    void backgroundTouchingTheBorderIsNotAHole() {
        BinaryMask in = parse(
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
