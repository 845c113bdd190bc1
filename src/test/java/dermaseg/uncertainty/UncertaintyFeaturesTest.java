package dermaseg.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UncertaintyFeaturesTest {
    private static final int W = 10;
    private static final int H = 10;

    /** The left half of the frame. */
    private static BinaryMask leftHalf() {
        byte[] p = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                p[y * W + x] = BinaryMask.ON;
            }
        }
        return new BinaryMask(W, H, p);
    }

    /** {@code inside} over the left half, {@code outside} elsewhere. */
    private static FloatMap halves(float inside, float outside) {
        float[] d = new float[W * H];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % W < W / 2 ? inside : outside;
        }
        return new FloatMap(W, H, d);
    }

    private static byte[] grey(int level) {
        byte[] b = new byte[3 * W * H];
        Arrays.fill(b, (byte) level);
        return b;
    }

    @Test
    void aSureFcnWhoseMapTheSuperpixelsAgreeWithHasNoDoubt() {
        FloatMap g = halves(1f, 0f);
        UncertaintyFeatures f = UncertaintyFeatures.measure(g, g, leftHalf(), grey(100));
        assertEquals(0.0, f.fcnDoubt(), 1e-12);
        assertEquals(0.0, f.mapDisagreement(), 1e-12);
        assertEquals(0.5, f.lesionFraction(), 1e-12);
        assertEquals(0.0, f.imageContrast(), 1e-12);
    }

    @Test
    void doubtIsOneMinusTheMeanFcnProbabilityInsideTheMask() {
        UncertaintyFeatures f = UncertaintyFeatures.measure(halves(0.6f, 0.1f), halves(0.6f, 0.1f), leftHalf(),
                grey(0));
        assertEquals(0.4, f.fcnDoubt(), 1e-6);
    }

    @Test
    void disagreementIsOneMinusTheSoftJaccardOfTheTwoMaps() {
        // Σmin = 50·0.5, Σmax = 50·1: soft Jaccard 0.5.
        UncertaintyFeatures half = UncertaintyFeatures.measure(halves(1f, 0f), halves(0.5f, 0f), leftHalf(), grey(0));
        assertEquals(0.5, half.mapDisagreement(), 1e-6);
        // The superpixel map sees the other half: nothing in common.
        UncertaintyFeatures apart = UncertaintyFeatures.measure(halves(1f, 0f), halves(0f, 1f), leftHalf(), grey(0));
        assertEquals(1.0, apart.mapDisagreement(), 1e-12);
    }

    @Test
    void noLesionAndEmptyMapsAreFullDoubt() {
        FloatMap zero = FloatMap.zeros(W, H);
        UncertaintyFeatures f = UncertaintyFeatures.measure(zero, zero, BinaryMask.empty(W, H), grey(0));
        assertEquals(1.0, f.fcnDoubt());
        assertEquals(1.0, f.mapDisagreement());
        assertEquals(0.0, f.lesionFraction());
    }

    @Test
    void contrastIsTheLargestChannelsStandardDeviation() {
        byte[] bgr = grey(50);
        for (int i = 0; i < W * H; i++) {
            bgr[3 * i + 2] = (byte) (i % 2 == 0 ? 0 : 200);  // red: half 0, half 200, deviation 100
        }
        UncertaintyFeatures f = UncertaintyFeatures.measure(halves(1f, 0f), halves(1f, 0f), leftHalf(), bgr);
        assertEquals(100.0, f.imageContrast(), 1e-9);
    }

    @Test
    void sizesMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> UncertaintyFeatures.measure(halves(1f, 0f),
                FloatMap.zeros(W, H + 1), leftHalf(), grey(0)));
    }
}
