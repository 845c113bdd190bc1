package dermaseg.superpixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SuperpixelLabelsTest {
    // 0 0 1
    // 0 0 1
    // 2 2 2
    private static final SuperpixelLabels LABELS =
            new SuperpixelLabels(3, 3, 3, new int[] {0, 0, 1, 0, 0, 1, 2, 2, 2});

    @Test
    void boundaryMaskMarksBothSidesOfEveryEdge() {
        byte on = (byte) 255;
        assertArrayEquals(new byte[] {0, on, on, on, on, on, on, on, on},
                LABELS.boundaryMask().pixels());
    }

    @Test
    void sizesAndPaint() {
        assertArrayEquals(new int[] {4, 2, 3}, LABELS.sizes());
        assertArrayEquals(new float[] {.5f, .5f, 1, .5f, .5f, 1, 0, 0, 0},
                LABELS.paint(new float[] {.5f, 1, 0}).data());
        assertThrows(IllegalArgumentException.class, () -> LABELS.paint(new float[2]));
    }

    @Test
    void rejectsLabelsOutOfRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new SuperpixelLabels(2, 1, 2, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> new SuperpixelLabels(2, 1, 2, new int[] {-1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new SuperpixelLabels(2, 2, 2, new int[] {0, 1}));
    }
}
