package dermaseg.superpixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SlicTest {
    private static final Slic DEFAULT = new Slic(SlicConfig.defaults());

    /** Each label is one 4-connected region and every label in [0, count) is used. */
    static void assertValidSuperpixels(SuperpixelLabels sp) {
        int w = sp.width();
        int h = sp.height();
        int[] labels = sp.labels();
        int[] components = new int[sp.count()];
        boolean[] seen = new boolean[labels.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int start = 0; start < labels.length; start++) {
            if (seen[start]) {
                continue;
            }
            int label = labels[start];
            components[label]++;
            seen[start] = true;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                int x = p % w;
                int y = p / w;
                int[][] steps = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
                for (int[] s : steps) {
                    int nx = x + s[0];
                    int ny = y + s[1];
                    if (nx >= 0 && nx < w && ny >= 0 && ny < h) {
                        int q = ny * w + nx;
                        if (!seen[q] && labels[q] == label) {
                            seen[q] = true;
                            queue.add(q);
                        }
                    }
                }
            }
        }
        for (int label = 0; label < components.length; label++) {
            assertEquals(1, components[label], "label " + label + " must be exactly one region");
        }
    }

    /** Shapes with mild noise, about what an upscaled dermoscopy JPEG has. */
    private static LabImage noisy(int w, int h, long seed) {
        return SyntheticImage.shapes(w, h, 12, 4, seed).lab();
    }

    /** Heavy noise: colour differences rival the spatial term, so clusters fragment. */
    private static LabImage veryNoisy(int w, int h, long seed) {
        return SyntheticImage.shapes(w, h, 12, 12, seed).lab();
    }

    @Test
    void everyLabelIsOneConnectedRegion() {
        for (long seed = 1; seed <= 3; seed++) {
            assertValidSuperpixels(DEFAULT.segment(noisy(300, 200, seed)));
        }
        // Heavy noise and low compactness fragment the clusters the most, so connectivity
        // has real work to do.
        Slic loose = new Slic(SlicConfig.builder().superpixels(150).compactness(1).build());
        int[] raw = loose.cluster(veryNoisy(300, 200, 4));
        SuperpixelLabels fragments = new SuperpixelLabels(300, 200, loose.seedCount(300, 200), raw);
        assertTrue(boundaryLength(fragments) > 300 * 200 / 4, "the raw clusters are ragged");
        assertValidSuperpixels(loose.enforceConnectivity(raw, 300, 200));
    }

    @Test
    void countIsNearTheTarget() {
        LabImage image = noisy(300, 200, 7);
        for (int target : new int[] {50, 200, 800}) {
            SuperpixelLabels sp = new Slic(SlicConfig.builder().superpixels(target).build())
                    .segment(image);
            assertTrue(Math.abs(sp.count() - target) <= 0.3 * target,
                    "asked for " + target + ", got " + sp.count());
        }
    }

    @Test
    void regionSizeSetsTheGrid() {
        Slic slic = new Slic(SlicConfig.builder().regionSize(20).build());
        assertEquals(15 * 10, slic.seedCount(300, 200));
        SuperpixelLabels sp = slic.segment(noisy(300, 200, 8));
        assertValidSuperpixels(sp);
        assertTrue(Math.abs(sp.count() - 150) <= 45, "got " + sp.count());
    }

    @Test
    void seedCountIsCapped() {
        Slic tiny = new Slic(SlicConfig.builder().regionSize(2).build());
        int capped = tiny.seedCount(2000, 1500);
        assertTrue(capped <= Slic.MAX_SEEDS && capped > 0.95 * Slic.MAX_SEEDS, "got " + capped);
        int byCount = new Slic(SlicConfig.builder().superpixels(1_000_000).build()).seedCount(1500, 2000);
        assertTrue(byCount <= Slic.MAX_SEEDS && byCount > 0.95 * Slic.MAX_SEEDS, "got " + byCount);
        // 60 000 seeds leave the distance only 7 mantissa bits beside the label: still valid.
        SuperpixelLabels sp = tiny.segment(noisy(600, 400, 13));
        assertValidSuperpixels(sp);
        assertTrue(sp.count() > 50_000, "got " + sp.count());
    }

    @Test
    void flatImageGivesTheSeedGrid() {
        int w = 124;
        int h = 93;
        float[] l = new float[w * h];
        Arrays.fill(l, 60);
        LabImage flat = new LabImage(w, h, l, new float[w * h], new float[w * h]);
        Slic slic = new Slic(SlicConfig.builder().regionSize(31).build());
        SuperpixelLabels sp = slic.segment(flat);
        // With no colour differences SLIC is a Voronoi partition of the unmoved grid: 4 x 3
        // squares of 31 x 31 (odd, so no pixel is equidistant), labelled in raster order.
        assertEquals(12, sp.count());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals((y / 31) * 4 + x / 31, sp.label(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void isDeterministic() throws Exception {
        LabImage image = noisy(300, 200, 9);
        int[] first = DEFAULT.segment(image).labels();
        int[] second = new Slic(SlicConfig.defaults()).segment(image).labels();
        assertArrayEquals(first, second);
        // One shared instance on several threads at once, as Spark tasks would use it.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<int[]>> runs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                runs.add(pool.submit(() -> DEFAULT.segment(image).labels()));
            }
            for (Future<int[]> run : runs) {
                assertArrayEquals(first, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void followsKnownEdges() {
        SyntheticImage s = SyntheticImage.shapes(300, 200, 10, 4, 11);
        SuperpixelLabels sp = new Slic(SlicConfig.builder().superpixels(200).build()).segment(s.lab());
        double recall = BoundaryRecall.of(sp, s.truth, s.width, s.height, 2);
        assertTrue(recall >= 0.9, "boundary recall " + recall);
        // The k-means iterations are what pull the superpixels onto the edges.
        SuperpixelLabels once = new Slic(SlicConfig.builder().superpixels(200).iterations(1).build())
                .segment(s.lab());
        double recallOnce = BoundaryRecall.of(once, s.truth, s.width, s.height, 2);
        assertTrue(recall > recallOnce + 0.01, "10 iterations " + recall + ", 1: " + recallOnce);
        // The same test against a plain grid must fail, or it proves nothing.
        int[] grid = new int[s.truth.length];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (i / s.width / 30) * 10 + (i % s.width) / 30;
        }
        SuperpixelLabels squares = new SuperpixelLabels(s.width, s.height, 7 * 10, grid);
        assertTrue(BoundaryRecall.of(squares, s.truth, s.width, s.height, 2) < 0.7);
    }

    @Test
    void tinyImagesWork() {
        Random rnd = new Random(5);
        int[][] sizes = {{1, 1}, {5, 3}, {3, 5}, {1, 7}, {7, 1}, {2, 2}};
        for (int[] size : sizes) {
            int w = size[0];
            int h = size[1];
            float[] l = new float[w * h];
            float[] a = new float[w * h];
            float[] b = new float[w * h];
            for (int i = 0; i < l.length; i++) {
                l[i] = rnd.nextFloat() * 100;
                a[i] = rnd.nextFloat() * 50;
                b[i] = rnd.nextFloat() * 50;
            }
            LabImage image = new LabImage(w, h, l, a, b);
            for (int target : new int[] {1, 4, 15, 1000}) {
                SuperpixelLabels sp = new Slic(SlicConfig.builder().superpixels(target).build())
                        .segment(image);
                assertValidSuperpixels(sp);
                assertTrue(sp.count() >= 1 && sp.count() <= w * h, w + "x" + h + " -> " + sp.count());
            }
        }
        SuperpixelLabels everyPixel = new Slic(SlicConfig.builder().superpixels(15).build())
                .segment(noisy(5, 3, 1));
        assertEquals(15, everyPixel.count());
    }

    @Test
    void elongatedImagesWork() {
        SuperpixelLabels wide = new Slic(SlicConfig.builder().superpixels(10).build())
                .segment(noisy(1000, 3, 2));
        assertValidSuperpixels(wide);
        assertTrue(wide.count() >= 7 && wide.count() <= 13, "got " + wide.count());
        SuperpixelLabels tall = new Slic(SlicConfig.builder().superpixels(20).build())
                .segment(noisy(4, 600, 3));
        assertValidSuperpixels(tall);
        assertTrue(tall.count() >= 14 && tall.count() <= 26, "got " + tall.count());
    }

    @Test
    void connectivitySplitsPiecesAndMergesFragments() {
        // Cluster 0 is two 4x4 blocks apart; cluster 1 holds one lone pixel inside cluster 2.
        int w = 12;
        int h = 4;
        int[] raw = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raw[y * w + x] = x < 4 || x >= 8 ? 0 : 2;
            }
        }
        raw[1 * w + 5] = 1;
        // 48 pixels over 3 seeds: expected size 16, minimum size 4.
        Slic slic = new Slic(SlicConfig.builder().superpixels(3).build());
        assertEquals(3, slic.seedCount(w, h));
        SuperpixelLabels sp = slic.enforceConnectivity(raw, w, h);
        assertEquals(3, sp.count());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertEquals(x < 4 ? 0 : x < 8 ? 1 : 2, sp.label(x, y), "pixel " + x + "," + y);
            }
        }
        SuperpixelLabels keepAll = new Slic(SlicConfig.builder().superpixels(3)
                .minSegmentFraction(0).build()).enforceConnectivity(raw, w, h);
        assertEquals(4, keepAll.count());
        assertValidSuperpixels(keepAll);
    }

    @Test
    void connectivityFollowsShapesThatTurnBack() {
        // Cluster 1 is a U whose right arm is reached only by going up from the bottom bar.
        int w = 8;
        int h = 6;
        int[] raw = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raw[y * w + x] = x == 0 || x == w - 1 || y >= 4 ? 1 : 0;
            }
        }
        SuperpixelLabels sp = new Slic(SlicConfig.builder().superpixels(2).build())
                .enforceConnectivity(raw, w, h);
        assertEquals(2, sp.count());
        for (int i = 0; i < raw.length; i++) {
            assertEquals(raw[i] == 1 ? 0 : 1, sp.labels()[i], "pixel " + i);
        }
    }

    @Test
    void compactnessTradesShapeForColour() {
        // Compared before connectivity, which would merge away the ragged fragments.
        LabImage image = veryNoisy(300, 200, 12);
        Slic looseSlic = new Slic(SlicConfig.builder().compactness(2).build());
        Slic tightSlic = new Slic(SlicConfig.builder().compactness(40).build());
        int k = looseSlic.seedCount(300, 200);
        int loose = boundaryLength(new SuperpixelLabels(300, 200, k, looseSlic.cluster(image)));
        int tight = boundaryLength(new SuperpixelLabels(300, 200, k, tightSlic.cluster(image)));
        assertTrue(tight < loose / 2, "compact clusters have shorter boundaries: " + tight + " vs " + loose);
    }

    private static int boundaryLength(SuperpixelLabels sp) {
        int n = 0;
        for (byte p : sp.boundaryMask().pixels()) {
            n += p != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void configValidatesAndRoundTrips() {
        assertThrows(IllegalArgumentException.class, () -> SlicConfig.builder().superpixels(0).build());
        assertThrows(IllegalArgumentException.class, () -> SlicConfig.builder().regionSize(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SlicConfig.builder().compactness(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> SlicConfig.builder().compactness(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> SlicConfig.builder().iterations(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> SlicConfig.builder().minSegmentFraction(1.5).build());
        SlicConfig byRegion = SlicConfig.builder().superpixels(99).regionSize(12).compactness(7).build();
        assertTrue(byRegion.byRegionSize());
        assertEquals(0, byRegion.superpixels());
        assertEquals(byRegion, byRegion.toBuilder().build());
        SlicConfig defaults = SlicConfig.defaults();
        assertEquals(400, defaults.superpixels());
        assertEquals(10, defaults.iterations());
        assertEquals(defaults, defaults.toBuilder().build());
        assertNotEquals(defaults, byRegion);
    }
}
