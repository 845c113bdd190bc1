package dermaseg.image;

import static dermaseg.image.TestImages.bgrAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class OverlayTest {
    private static final int[] BLACK = {0, 0, 0};
    private static final int[] GREEN = {0, 255, 0};
    private static final int[] RED = {0, 0, 255};
    private static final int[] WHITE = {255, 255, 255};

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    /** A mask with the rectangle [x0, x1] × [y0, y1] (inclusive) set. */
    private static BinaryMask rect(int width, int height, int x0, int y0, int x1, int y1) {
        byte[] p = new byte[width * height];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                p[y * width + x] = BinaryMask.ON;
            }
        }
        return new BinaryMask(width, height, p);
    }

    private static Scalar scalar(int[] bgr) {
        return new Scalar(bgr[0], bgr[1], bgr[2]);
    }

    @Test
    void contourCoversTheBoundaryAndNothingElse() {
        BinaryMask square = rect(40, 40, 10, 10, 29, 29);
        try (MatHandle img = TestImages.solid(40, 40, CvType.CV_8UC3, new Scalar(0, 0, 0));
             MatHandle out = Overlay.contours(img.mat(), List.of(new Overlay.Outline(square, scalar(GREEN))), 1)) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    boolean inside = x >= 10 && x <= 29 && y >= 10 && y <= 29;
                    boolean edge = inside && (x == 10 || x == 29 || y == 10 || y == 29);
                    assertArrayEquals(edge ? GREEN : BLACK, bgrAt(out.mat(), x, y), "(" + x + ", " + y + ")");
                }
            }
            assertArrayEquals(BLACK, bgrAt(img.mat(), 10, 10), "input must not be drawn on");
        }
    }

    @Test
    void holesAreOutlinedToo() {
        byte[] p = rect(30, 30, 5, 5, 24, 24).pixels().clone();
        for (int y = 12; y <= 17; y++) {
            for (int x = 12; x <= 17; x++) {
                p[y * 30 + x] = 0;
            }
        }
        BinaryMask ring = new BinaryMask(30, 30, p);
        try (MatHandle img = TestImages.solid(30, 30, CvType.CV_8UC3, new Scalar(0, 0, 0));
             MatHandle out = Overlay.contours(img.mat(), List.of(new Overlay.Outline(ring, scalar(RED))), 1)) {
            assertArrayEquals(RED, bgrAt(out.mat(), 11, 14)); // ring pixel bordering the hole
            assertArrayEquals(BLACK, bgrAt(out.mat(), 14, 14)); // the hole
            assertArrayEquals(BLACK, bgrAt(out.mat(), 8, 8)); // ring interior
        }
    }

    @Test
    void laterOutlinesAreDrawnOverEarlierOnes() {
        BinaryMask truth = rect(40, 30, 5, 5, 20, 20);
        BinaryMask predicted = rect(40, 30, 5, 5, 30, 25);
        try (MatHandle img = TestImages.solid(40, 30, CvType.CV_8UC3, new Scalar(0, 0, 0));
             MatHandle out = Overlay.contours(img.mat(), List.of(
                     new Overlay.Outline(truth, scalar(GREEN)),
                     new Overlay.Outline(predicted, scalar(RED))), 1)) {
            assertArrayEquals(GREEN, bgrAt(out.mat(), 20, 12)); // truth's right edge, inside prediction
            assertArrayEquals(RED, bgrAt(out.mat(), 30, 12)); // prediction's right edge
            assertArrayEquals(RED, bgrAt(out.mat(), 5, 12)); // shared left edge: prediction on top
            assertArrayEquals(BLACK, bgrAt(out.mat(), 25, 12));
        }
    }

    @Test
    void thickerLineGrowsBothWays() {
        BinaryMask square = rect(40, 40, 10, 10, 29, 29);
        try (MatHandle img = TestImages.solid(40, 40, CvType.CV_8UC3, new Scalar(0, 0, 0));
             MatHandle out = Overlay.contours(img.mat(), List.of(new Overlay.Outline(square, scalar(GREEN))), 3)) {
            assertArrayEquals(GREEN, bgrAt(out.mat(), 9, 20));
            assertArrayEquals(GREEN, bgrAt(out.mat(), 11, 20));
            assertArrayEquals(BLACK, bgrAt(out.mat(), 7, 20));
            assertArrayEquals(BLACK, bgrAt(out.mat(), 20, 20));
        }
    }

    @Test
    void maskOfAnotherSizeIsRefused() {
        try (MatHandle img = TestImages.solid(40, 40, CvType.CV_8UC3, new Scalar(0, 0, 0))) {
            Mat m = img.mat();
            List<Overlay.Outline> wrong = List.of(new Overlay.Outline(BinaryMask.empty(40, 39), scalar(RED)));
            assertThrows(IllegalArgumentException.class, () -> Overlay.contours(m, wrong, 1));
        }
    }

    @Test
    void thicknessScalesWithImageSize() {
        try (MatHandle small = TestImages.solid(256, 192, CvType.CV_8UC3, new Scalar(0));
             MatHandle large = TestImages.solid(6000, 4000, CvType.CV_8UC1, new Scalar(0))) {
            assertEquals(1, Overlay.scaledThickness(small.mat()));
            assertEquals(15, Overlay.scaledThickness(large.mat()));
        }
    }

    @Test
    void superpixelBoundariesMarkBothSidesOfALabelChange() {
        int w = 10;
        int h = 6;
        int[] labels = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                labels[y * w + x] = x < 5 ? 0 : (y < 3 ? 1 : 2);
            }
        }
        try (MatHandle img = TestImages.solid(w, h, CvType.CV_8UC3, new Scalar(0, 0, 0));
             MatHandle out = Overlay.superpixelBoundaries(img.mat(), labels, scalar(WHITE))) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean boundary = x == 4 || x == 5 || (x >= 5 && (y == 2 || y == 3));
                    assertArrayEquals(boundary ? WHITE : BLACK, bgrAt(out.mat(), x, y), "(" + x + ", " + y + ")");
                }
            }
        }
    }

    @Test
    void heatMapEndsAreViridisAndOutOfRangeIsClamped() {
        FloatMap map = new FloatMap(4, 1, new float[] {0f, 1f, -3f, 7f});
        try (MatHandle heat = Overlay.heatMap(map)) {
            assertEquals(CvType.CV_8UC3, heat.mat().type());
            int[] low = bgrAt(heat.mat(), 0, 0);
            int[] high = bgrAt(heat.mat(), 1, 0);
            assertTrue(low[0] > low[1] && low[2] > low[1], "dark violet at 0: " + Arrays.toString(low));
            assertTrue(high[2] > 200 && high[1] > 200 && high[0] < 100, "yellow at 1: " + Arrays.toString(high));
            assertArrayEquals(low, bgrAt(heat.mat(), 2, 0));
            assertArrayEquals(high, bgrAt(heat.mat(), 3, 0));
        }
    }

    @Test
    void montagePlacesPanelsLeftToRightWithWhiteGaps() {
        try (MatHandle a = TestImages.solid(10, 8, CvType.CV_8UC3, new Scalar(0, 0, 255));
             MatHandle b = TestImages.solid(10, 8, CvType.CV_8UC3, new Scalar(0, 255, 0));
             MatHandle c = TestImages.solid(10, 8, CvType.CV_8UC3, new Scalar(255, 0, 0));
             MatHandle out = Overlay.montage(List.of(a.mat(), b.mat(), c.mat()), 2)) {
            assertEquals(34, out.width());
            assertEquals(8, out.height());
            assertArrayEquals(RED, bgrAt(out.mat(), 9, 7));
            assertArrayEquals(WHITE, bgrAt(out.mat(), 10, 0));
            assertArrayEquals(WHITE, bgrAt(out.mat(), 11, 0));
            assertArrayEquals(GREEN, bgrAt(out.mat(), 12, 0));
            assertArrayEquals(new int[] {255, 0, 0}, bgrAt(out.mat(), 33, 7));
        }
    }

    @Test
    void montageRefusesMixedSizes() {
        try (MatHandle a = TestImages.solid(10, 8, CvType.CV_8UC3, new Scalar(0));
             MatHandle b = TestImages.solid(10, 9, CvType.CV_8UC3, new Scalar(0))) {
            List<Mat> panels = List.of(a.mat(), b.mat());
            assertThrows(IllegalArgumentException.class, () -> Overlay.montage(panels, 0));
        }
    }
}
