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
            TestTimeAugmentation.Merged merged = tta.merge(firstChannels(tta.expand(List.of(input(), input()))));
            assertEquals(2, merged.maps().size());
            // Each view's map, turned back, is the input's own first channel: so is their mean,
            // and the views agree everywhere.
            assertArrayEquals(new float[] {0, 1, 2, 3}, merged.maps().get(1).data(), 1e-6f, n + " views");
            assertEquals(n == 1 ? Double.NaN : 0.0, merged.disagreement()[1], 1e-9, n + " views");
        }
        // A network that answers every view with the same map [1 0 / 0 0] (not equivariant): turned
        // back through the 4 flips, the 1 lands once in each corner, so the mean is 0.25 everywhere.
        TestTimeAugmentation four = new TestTimeAugmentation(4);
        List<FloatMap> same = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            same.add(new FloatMap(2, 2, new float[] {1, 0, 0, 0}));
        }
        TestTimeAugmentation.Merged merged = four.merge(same);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, merged.maps().get(0).data(), 1e-6f);
        // Per pixel the views' minimum is 0 and their maximum 1: they share nothing.
        assertEquals(1.0, merged.disagreement()[0], 1e-9);
        List<FloatMap> half = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            half.add(new FloatMap(2, 2, new float[] {0.5f, 0.5f, 0.5f, v == 0 ? 1f : 0.5f}));
        }
        // Σ min = 2.0, Σ max = 2.5 (one view is sure where the rest say 0.5): 1 − 2/2.5 = 0.2.
        assertEquals(0.2, four.merge(half).disagreement()[0], 1e-6);
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

    @Test
    void aCardWhoseUncertaintyWeighsTheViewsRefusesARunWithOneView() {
        dermaseg.fcn.ModelCard card = new dermaseg.fcn.ModelCard();
        card.pipeline = new dermaseg.fcn.ModelCard.Pipeline();
        card.pipeline.testTimeViews = 8;
        card.uncertainty = CardSettings.record(new dermaseg.uncertainty.UncertaintyModel(
                dermaseg.uncertainty.UncertaintyModel.FEATURES_WITH_VIEWS, -1, new double[] {0.1, 0.2, 0.9},
                new double[] {-2, -2, -3}, new double[] {1, 1, 1}), "test", java.util.Map.of());
        assertEquals(dermaseg.uncertainty.UncertaintyModel.FEATURES_WITH_VIEWS, card.uncertainty.features);
        assertEquals(true, CardSettings.uncertainty(card, 8).needsViews());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CardSettings.uncertainty(card, 1));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("--test-time-views"), e.getMessage());
    }
}
