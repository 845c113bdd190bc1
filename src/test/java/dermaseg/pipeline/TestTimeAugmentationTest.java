package dermaseg.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.fcn.FcnInput;
import dermaseg.image.FloatMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestTimeAugmentationTest {
    /** A 2×2 input whose three channels are 0..3, 10..13 and 20..23, row by row. */
    private static FcnInput input() {
        float[] chw = new float[12];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                chw[c * 4 + i] = 10 * c + i;
            }
        }
        return new FcnInput(chw, 2, 30, 20);
    }

    /** The first channel of each view as its "probability map": what an equivariant network returns. */
    private static List<FloatMap> firstChannels(List<FcnInput> views) {
        List<FloatMap> maps = new ArrayList<>();
        for (FcnInput v : views) {
            float[] m = new float[4];
            System.arraycopy(v.chw(), 0, m, 0, 4);
            maps.add(new FloatMap(2, 2, m));
        }
        return maps;
    }

    @Test
    void theViewsAreTheFlipsAndRotationsOfTheSquareInEveryChannel() {
        List<FcnInput> views = new TestTimeAugmentation(8).expand(List.of(input()));
        assertEquals(8, views.size());
        // Row by row: [0 1 / 2 3]; its mirror [1 0 / 3 2]; y flip [2 3 / 0 1]; both [3 2 / 1 0];
        // transposed [0 2 / 1 3], then [2 0 / 3 1], [1 3 / 0 2], [3 1 / 2 0].
        float[][] expected = {{0, 1, 2, 3}, {1, 0, 3, 2}, {2, 3, 0, 1}, {3, 2, 1, 0},
            {0, 2, 1, 3}, {2, 0, 3, 1}, {1, 3, 0, 2}, {3, 1, 2, 0}};
        Set<String> distinct = new HashSet<>();
        for (int v = 0; v < 8; v++) {
            float[] chw = views.get(v).chw();
            assertArrayEquals(expected[v], java.util.Arrays.copyOfRange(chw, 0, 4), "view " + v);
            for (int i = 0; i < 4; i++) {
                assertEquals(chw[i] + 10, chw[4 + i], "channel 1 of view " + v);
                assertEquals(chw[i] + 20, chw[8 + i], "channel 2 of view " + v);
            }
            assertEquals(30, views.get(v).sourceWidth());
            distinct.add(java.util.Arrays.toString(chw));
        }
        assertEquals(8, distinct.size());
    }

    @Test
    void mapsAreTurnedBackBeforeTheyAreAveraged() {
        for (int n : TestTimeAugmentation.VIEW_COUNTS) {
            TestTimeAugmentation tta = new TestTimeAugmentation(n);
            List<FloatMap> merged = tta.merge(firstChannels(tta.expand(List.of(input(), input()))));
            assertEquals(2, merged.size());
            // Each view's map, turned back, is the input's own first channel: so is their mean.
            assertArrayEquals(new float[] {0, 1, 2, 3}, merged.get(1).data(), 1e-6f, n + " views");
        }
        // A network that answers every view with the same map [1 0 / 0 0] (not equivariant): turned
        // back through the 4 flips, the 1 lands once in each corner, so the mean is 0.25 everywhere.
        TestTimeAugmentation four = new TestTimeAugmentation(4);
        List<FloatMap> same = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            same.add(new FloatMap(2, 2, new float[] {1, 0, 0, 0}));
        }
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, four.merge(same).get(0).data(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> four.merge(same.subList(0, 3)));
        assertThrows(IllegalArgumentException.class, () -> new TestTimeAugmentation(3));
        assertThrows(IllegalArgumentException.class, () -> SegmenterConfig.builder().testTimeViews(6).build());
    }

    @Test
    void theViewCountComesFromTheConfigThenTheCardThenIsOne() {
        dermaseg.fcn.ModelCard card = new dermaseg.fcn.ModelCard();
        assertEquals(1, CardSettings.testTimeViews(SegmenterConfig.defaults(), card));
        card.pipeline = new dermaseg.fcn.ModelCard.Pipeline();
        card.pipeline.testTimeViews = 4;
        assertEquals(4, CardSettings.testTimeViews(SegmenterConfig.defaults(), card));
        assertEquals(2, CardSettings.testTimeViews(SegmenterConfig.builder().testTimeViews(2).build(), card));
    }
}
