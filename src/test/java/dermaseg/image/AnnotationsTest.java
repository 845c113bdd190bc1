package dermaseg.image;

import static dermaseg.image.TestImages.bgrAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class AnnotationsTest {
    private static final int[] WHITE = {255, 255, 255};
    private static final int[] GREY = {128, 128, 128};

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    /** Whether every pixel of rows [y0, y1) is the band's white. */
    private static boolean blank(Mat m, int y0, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < m.cols(); x++) {
                if (!Arrays.equals(WHITE, bgrAt(m, x, y))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aTitleIsDrawnAboveThePanelAndThePanelIsKept() {
        int band = Annotations.bandHeight(200);
        try (MatHandle panel = TestImages.solid(200, 100, CvType.CV_8UC3, new Scalar(128, 128, 128));
                MatHandle footer = Annotations.blank(200);
                MatHandle titled = Annotations.titled(panel.mat(), "FCN map", footer.mat());
                MatHandle untitled = Annotations.titled(panel.mat(), "", footer.mat())) {
            assertEquals(200, titled.width());
            assertEquals(band + 100 + band, titled.height());
            assertFalse(blank(titled.mat(), 0, band), "the title's text");
            assertTrue(blank(untitled.mat(), 0, band), "no text, no ink: the check above can fail");
            for (int y = band; y < band + 100; y += 33) {
                assertArrayEquals(GREY, bgrAt(titled.mat(), 100, y));
            }
            assertTrue(blank(titled.mat(), band + 100, titled.height()), "a blank footer");
        }
    }

    @Test
    void theColourBarRunsFromViridisZeroToViridisOneWithLabelsUnderTheEnds() {
        int width = 300;
        try (MatHandle bar = Annotations.colourBar(width); MatHandle ends = viridis(0, 255)) {
            int x0 = Annotations.barStart(width);
            int x1 = Annotations.barEnd(width);
            int y = Math.max(1, bar.height() / 10) + 1;
            assertArrayEquals(bgrAt(ends.mat(), 0, 0), bgrAt(bar.mat(), x0, y), "0 at the left end");
            assertArrayEquals(bgrAt(ends.mat(), 1, 0), bgrAt(bar.mat(), x1, y), "1 at the right end");
            assertArrayEquals(WHITE, bgrAt(bar.mat(), x0 - 1, y), "nothing left of the bar");
            assertArrayEquals(WHITE, bgrAt(bar.mat(), x1 + 1, y));
            int labels = (int) (bar.height() * 0.6);
            assertTrue(inkNear(bar.mat(), x0, labels), "the 0 label");
            assertTrue(inkNear(bar.mat(), x1, labels), "the 1 label");
            assertFalse(inkNear(bar.mat(), width / 2, labels), "no label mid-bar");
        }
    }

    @Test
    void theLegendShowsEachColour() {
        Scalar cyan = new Scalar(255, 255, 0);
        Scalar green = new Scalar(0, 200, 0);
        try (MatHandle legend = Annotations.legend(List.of(new Annotations.LegendEntry(cyan, "prediction"),
                new Annotations.LegendEntry(green, "ground truth")), 400)) {
            assertTrue(has(legend.mat(), new int[] {255, 255, 0}));
            assertTrue(has(legend.mat(), new int[] {0, 200, 0}));
        }
        try (MatHandle one = Annotations.legend(List.of(new Annotations.LegendEntry(cyan, "prediction")), 400)) {
            assertFalse(has(one.mat(), new int[] {0, 200, 0}), "no ground truth, no green");
        }
    }

    @Test
    void textThatDoesNotFitIsCutShortAndNonAsciiShownAsQuestionMarks() {
        assertEquals("caf?", Annotations.fit("café", 1000, 0.5));
        String cut = Annotations.fit("x".repeat(200), 60, 0.5);
        assertTrue(cut.endsWith("..") && cut.length() < 200, cut);
        try (MatHandle band = Annotations.banner("ISIC_" + "9".repeat(300), 120)) {
            for (int y = 0; y < band.height(); y++) {
                assertArrayEquals(WHITE, bgrAt(band.mat(), 119, y), "the text stops inside the band");
            }
        }
    }

    private static MatHandle viridis(int a, int b) {
        try (MatHandle gray = MatHandle.of(new Mat(1, 2, CvType.CV_8UC1))) {
            gray.mat().put(0, 0, new byte[] {(byte) a, (byte) b});
            return MatHandle.filled(out -> Imgproc.applyColorMap(gray.mat(), out, Imgproc.COLORMAP_VIRIDIS));
        }
    }

    /** Whether a non-white pixel lies within 6 columns of {@code x}, from row {@code y0} down. */
    private static boolean inkNear(Mat m, int x, int y0) {
        for (int y = y0; y < m.rows(); y++) {
            for (int dx = -6; dx <= 6; dx++) {
                int xx = x + dx;
                if (xx >= 0 && xx < m.cols() && !Arrays.equals(WHITE, bgrAt(m, xx, y))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean has(Mat m, int[] bgr) {
        for (int y = 0; y < m.rows(); y++) {
            for (int x = 0; x < m.cols(); x++) {
                if (Arrays.equals(bgr, bgrAt(m, x, y))) {
                    return true;
                }
            }
        }
        return false;
    }
}
