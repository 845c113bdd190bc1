package dermaseg.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OtsuThresholdTest {
    @Test
    void splitsBimodalDataBetweenItsModes() {
        Random r = new Random(3);
        int n = 100 * 100;
        float[] d = new float[n];
        boolean[] high = new boolean[n];
        for (int i = 0; i < n; i++) {
            high[i] = r.nextDouble() < 0.3;
            double centre = high[i] ? 0.75 : 0.2;
            d[i] = (float) Math.min(1, Math.max(0, centre + r.nextGaussian() * 0.05));
        }
        FloatMap map = new FloatMap(100, 100, d);
        float t = OtsuThreshold.of(map);
        assertTrue(t > 0.35 && t < 0.6, "threshold " + t + " should fall between the modes");
        BinaryMask mask = BinaryMask.threshold(map, t);
        int errors = 0;
        for (int i = 0; i < n; i++) {
            if ((mask.pixels()[i] != 0) != high[i]) {
                errors++;
            }
        }
        assertEquals(0, errors, "the modes are 11 standard deviations apart");
    }

    @Test
    void thresholdSeparatesTwoLevelsExactly() {
        float[] d = new float[200];
        for (int i = 0; i < d.length; i++) {
            d[i] = i < 150 ? 0.1f : 0.9f;
        }
        FloatMap map = new FloatMap(20, 10, d);
        BinaryMask mask = BinaryMask.threshold(map, OtsuThreshold.of(map));
        assertEquals(50, mask.area());
    }

    @Test
    void flatMapFallsBackToOneHalf() {
        assertEquals(0.5f, OtsuThreshold.of(FloatMap.filled(8, 8, 0.03f)));
        assertEquals(0.5f, OtsuThreshold.of(FloatMap.filled(8, 8, 0.97f)));
    }
}
