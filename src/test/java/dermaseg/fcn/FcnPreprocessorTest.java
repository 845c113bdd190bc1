package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class FcnPreprocessorTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    @Test
    void channelsAreStandardisedAndInRgbOrder() {
        int w = 50;
        int h = 30;
        byte[] bgr = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                bgr[i] = (byte) 10;              // blue: constant
                bgr[i + 1] = (byte) (x * 5);     // green: ramp
                bgr[i + 2] = (byte) (200 + (x % 2)); // red: almost constant
            }
        }
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        m.put(0, 0, bgr);
        try (MatHandle image = MatHandle.of(m)) {
            int s = 32;
            float[] chw = FcnPreprocessor.toInput(image.mat(), s);
            assertEquals(3 * s * s, chw.length);
            double[] mean = new double[3];
            double[] var = new double[3];
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < s * s; i++) {
                    mean[c] += chw[c * s * s + i];
                }
                mean[c] /= s * s;
                for (int i = 0; i < s * s; i++) {
                    double d = chw[c * s * s + i] - mean[c];
                    var[c] += d * d;
                }
                var[c] /= s * s;
                assertEquals(0, mean[c], 1e-3, "channel " + c + " mean");
            }
            assertEquals(1, var[1], 1e-3, "the green ramp is scaled to unit variance");
            // A constant channel has no variance to divide by: it stays at zero, not NaN.
            assertEquals(0, var[2], 1e-6, "blue (constant) is the third channel");
            // Red holds only the levels 200 and 201 after resizing, so its variance is at most 0.25
            // and its std below 1: the floor on std (1 level) applies and the variance passes through
            // unscaled (0.20 here) instead of being scaled up to 1.
            assertTrue(var[0] > 0 && var[0] <= 0.25 + 1e-6,
                    "red varies by less than one level, so the floor on std applies: variance " + var[0]);
        }
    }
}
