package dermaseg.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.image.FloatMap;
import org.junit.jupiter.api.Test;

class FusionTest {
    @Test
    void weightsTheTwoMaps() {
        FloatMap g = new FloatMap(2, 1, new float[] {1f, 0.2f});
        FloatMap l = new FloatMap(2, 1, new float[] {0f, 0.6f});
        assertArrayEquals(new float[] {0.3f, 0.48f}, Fusion.fuse(g, l, 0.3).data(), 1e-6f);
        assertArrayEquals(g.data(), Fusion.fuse(g, l, 1.0).data(), 0f);
        assertArrayEquals(l.data(), Fusion.fuse(g, l, 0.0).data(), 0f);
    }

    @Test
    void refusesMapsOfDifferentSizesAndBadWeights() {
        assertThrows(IllegalArgumentException.class,
                () -> Fusion.fuse(FloatMap.zeros(2, 2), FloatMap.zeros(2, 3), 0.5));
        assertThrows(IllegalArgumentException.class, () -> FusionConfig.builder().globalWeight(1.5).build());
    }
}
