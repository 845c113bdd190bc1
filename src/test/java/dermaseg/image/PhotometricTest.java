package dermaseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class PhotometricTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    private static MatHandle image(int rows, int cols, int... bgr) {
        MatHandle m = MatHandle.allocate(rows, cols, CvType.CV_8UC3);
        byte[] px = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i++) {
            px[i] = (byte) bgr[i];
        }
        m.mat().put(0, 0, px);
        return m;
    }

    private static int[] pixels(Mat m) {
        byte[] b = MatHandle.copyBytes(m);
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i] & 0xff;
        }
        return v;
    }

    @Test
    void gammaMapsEachLevelThroughThePowerCurve() {
        try (MatHandle m = image(1, 1, 64, 128, 255)) {
            Photometric.gamma(m.mat(), 2);
            // 255·(64/255)² = 16.06, 255·(128/255)² = 64.25, 255 stays.
            assertArrayEquals(new int[] {16, 64, 255}, pixels(m.mat()));
        }
        try (MatHandle m = image(1, 1, 64, 0, 255)) {
            Photometric.gamma(m.mat(), 0.5);
            // 255·√(64/255) = 127.75.
            assertArrayEquals(new int[] {128, 0, 255}, pixels(m.mat()));
        }
        assertThrows(IllegalArgumentException.class, () -> Photometric.gamma(new Mat(), 0));
    }

    @Test
    void channelGainsCastAndSaturate() {
        try (MatHandle m = image(1, 1, 100, 100, 100)) {
            Photometric.channelGains(m.mat(), 0.5, 1, 3);
            assertArrayEquals(new int[] {50, 100, 255}, pixels(m.mat()));
        }
    }

    @Test
    void vignetteLeavesTheCentreAndDarkensTheCornersByTheFallOff() {
        try (MatHandle m = MatHandle.of(new Mat(3, 3, CvType.CV_8UC3, new Scalar(200, 200, 200)))) {
            Photometric.vignette(m.mat(), 0.5, 2, 0.5, 0.5);
            int[] v = pixels(m.mat());
            assertEquals(200, v[3 * 4], "the centre pixel is at distance 0");
            // Corner pixel centre (0.5, 0.5), image centre (1.5, 1.5): ρ = √2 / (1.5·√2) = 2/3,
            // factor 1 − 0.5·(2/3)² = 0.7778, 200 · 0.7778 = 155.6.
            assertEquals(156, v[0]);
            assertEquals(156, v[3 * 8]);
            // Edge middle (0.5, 1.5): ρ = 1 / 2.1213 = 0.4714, factor 1 − 0.5·0.2222 = 0.8889: 177.8.
            assertEquals(178, v[3 * 3]);
        }
    }

    @Test
    void blurAndRecompressionChangeDetailButNotTheMeanMuch() {
        try (MatHandle m = MatHandle.of(new Mat(32, 32, CvType.CV_8UC3, new Scalar(0, 0, 0)))) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    if ((x + y) % 2 == 0) {
                        m.mat().put(y, x, new byte[] {(byte) 255, (byte) 255, (byte) 255});
                    }
                }
            }
            double before = org.opencv.core.Core.mean(m.mat()).val[0];
            try (MatHandle blurred = MatHandle.empty(); MatHandle jpeg = MatHandle.empty()) {
                m.mat().copyTo(blurred.mat());
                m.mat().copyTo(jpeg.mat());
                Photometric.blur(blurred.mat(), 2);
                Photometric.recompress(jpeg.mat(), 30);
                int[] b = pixels(blurred.mat());
                assertTrue(Math.abs(b[3 * (16 * 32 + 16)] - 127.5) < 10, "a checkerboard blurs to grey: " + b[3 * 528]);
                assertTrue(Math.abs(org.opencv.core.Core.mean(blurred.mat()).val[0] - before) < 3);
                assertTrue(!java.util.Arrays.equals(pixels(jpeg.mat()), pixels(m.mat())), "JPEG at quality 30 is lossy");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Photometric.recompress(new Mat(), 0));
    }

    @Test
    void shadesOfGrayEstimatesTheIlluminantAsTheMinkowskiMeanAndMakesItGrey() {
        try (MatHandle m = image(1, 2, 255, 51, 102, 0, 51, 204)) {
            double[] e = Photometric.shadesOfGrayIlluminant(m.mat(), 2);
            // Blue: √((1² + 0²)/2) = 0.7071 → 180.31; green: 0.2 → 51; red: √((0.4² + 0.8²)/2) = 0.6325 → 161.28.
            assertArrayEquals(new double[] {180.31, 51.0, 161.28}, e, 0.01);
            double[] grayWorld = Photometric.shadesOfGrayIlluminant(m.mat(), 1);
            assertArrayEquals(new double[] {127.5, 51.0, 153.0}, grayWorld, 1e-9);
        }
        try (MatHandle m = MatHandle.of(new Mat(4, 4, CvType.CV_8UC3, new Scalar(100, 150, 200)))) {
            Photometric.shadesOfGray(m.mat(), 6);
            for (int v : pixels(m.mat())) {
                assertEquals(150, v, "a uniform cast becomes the grey of its mean level");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Photometric.shadesOfGrayIlluminant(new Mat(), 0.5));
    }
}
