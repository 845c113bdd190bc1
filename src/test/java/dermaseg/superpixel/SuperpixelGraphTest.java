package dermaseg.superpixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.FloatMap;
import dermaseg.superpixel.SuperpixelGraph.Neighbourhood;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SuperpixelGraphTest {
    // 0 0 1 1 2 2
    // 0 0 1 1 2 2
    // 3 3 3 4 4 4
    // 3 3 3 4 4 4
    private static final int W = 6;
    private static final int H = 4;
    private static final SuperpixelLabels BLOCKS = new SuperpixelLabels(W, H, 5, new int[] {
        0, 0, 1, 1, 2, 2,
        0, 0, 1, 1, 2, 2,
        3, 3, 3, 4, 4, 4,
        3, 3, 3, 4, 4, 4,
    });

    /** L = pixel index, a = x, b = -y; probability = 1 in the left half, else 0. */
    private static LabImage indexLab() {
        float[] l = new float[W * H];
        float[] a = new float[W * H];
        float[] b = new float[W * H];
        for (int i = 0; i < l.length; i++) {
            l[i] = i;
            a[i] = i % W;
            b[i] = -(i / W);
        }
        return new LabImage(W, H, l, a, b);
    }

    private static FloatMap leftHalf() {
        float[] p = new float[W * H];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % W < 3 ? 1 : 0;
        }
        return new FloatMap(W, H, p);
    }

    @Test
    void adjacencyOfHandMadeLabels() {
        SuperpixelGraph g = SuperpixelGraph.build(BLOCKS, indexLab(), null, Neighbourhood.ADJACENT);
        assertEquals(5, g.nodeCount());
        assertArrayEquals(new int[] {1, 3}, g.neighbours(0));
        assertArrayEquals(new int[] {0, 2, 3, 4}, g.neighbours(1));
        assertArrayEquals(new int[] {1, 4}, g.neighbours(2));
        assertArrayEquals(new int[] {0, 1, 4}, g.neighbours(3));
        assertArrayEquals(new int[] {1, 2, 3}, g.neighbours(4));
        assertEquals(7, g.edgeCount());
        assertEquals(4, g.degree(1));
        assertArrayEquals(new int[] {0, 2, 6, 8, 11, 14}, g.adjacencyOffsets());
    }

    @Test
    void nodeStatisticsOfHandMadeLabels() {
        SuperpixelGraph g = SuperpixelGraph.build(BLOCKS, indexLab(), leftHalf(), Neighbourhood.ADJACENT);
        // Node 0: pixels 0, 1, 6, 7. Node 3: pixels 12, 13, 14, 18, 19, 20.
        assertEquals(4, g.size(0));
        assertEquals(3.5f, g.meanL(0));
        assertEquals(0.5f, g.meanA(0));
        assertEquals(-0.5f, g.meanB(0));
        assertEquals(1f, g.meanProbability(0));
        assertEquals(0.5f, g.centroidX(0));
        assertEquals(0.5f, g.centroidY(0));
        assertEquals(6, g.size(3));
        assertEquals(16f, g.meanL(3));
        assertEquals(1f, g.centroidX(3));
        assertEquals(2.5f, g.centroidY(3));
        // Node 1 straddles the probability edge: columns 2 (p = 1) and 3 (p = 0).
        assertEquals(0.5f, g.meanProbability(1));
        assertEquals(0f, g.meanProbability(4));
        assertEquals(3, g.minX(4));
        assertEquals(2, g.minY(4));
        assertEquals(5, g.maxX(4));
        assertEquals(3, g.maxY(4));
        assertEquals(0, g.minX(3));
        assertEquals(2, g.maxX(3));
        assertTrue(g.hasProbability());
    }

    @Test
    void twoHopAddsNeighboursOfNeighbours() {
        // A strip 0 1 2 3 4: a chain, so two hops are easy to list.
        SuperpixelLabels strip = new SuperpixelLabels(5, 1, 5, new int[] {0, 1, 2, 3, 4});
        LabImage lab = new LabImage(5, 1, new float[5], new float[5], new float[5]);
        SuperpixelGraph direct = SuperpixelGraph.build(strip, lab, null, Neighbourhood.ADJACENT);
        assertArrayEquals(new int[] {1, 3}, direct.neighbours(2));
        assertEquals(4, direct.edgeCount());
        SuperpixelGraph g = SuperpixelGraph.build(strip, lab, null, Neighbourhood.TWO_HOP);
        assertArrayEquals(new int[] {1, 2}, g.neighbours(0));
        assertArrayEquals(new int[] {0, 2, 3}, g.neighbours(1));
        assertArrayEquals(new int[] {0, 1, 3, 4}, g.neighbours(2));
        assertArrayEquals(new int[] {1, 2, 4}, g.neighbours(3));
        assertArrayEquals(new int[] {2, 3}, g.neighbours(4));
        assertEquals(7, g.edgeCount());
        assertSymmetricSortedSimple(g);
    }

    @Test
    void adjacencyOfRealSuperpixelsMatchesBruteForce() {
        SyntheticImage s = SyntheticImage.shapes(160, 120, 8, 10, 21);
        LabImage lab = s.lab();
        SuperpixelLabels sp = new Slic(SlicConfig.builder().superpixels(120).build()).segment(lab);
        SuperpixelGraph g = SuperpixelGraph.build(sp, lab, null, Neighbourhood.ADJACENT);
        int k = sp.count();
        @SuppressWarnings("unchecked")
        TreeSet<Integer>[] expected = new TreeSet[k];
        for (int c = 0; c < k; c++) {
            expected[c] = new TreeSet<>();
        }
        int w = sp.width();
        for (int y = 0; y < sp.height(); y++) {
            for (int x = 0; x < w; x++) {
                int c = sp.label(x, y);
                if (x + 1 < w && sp.label(x + 1, y) != c) {
                    expected[c].add(sp.label(x + 1, y));
                    expected[sp.label(x + 1, y)].add(c);
                }
                if (y + 1 < sp.height() && sp.label(x, y + 1) != c) {
                    expected[c].add(sp.label(x, y + 1));
                    expected[sp.label(x, y + 1)].add(c);
                }
            }
        }
        for (int c = 0; c < k; c++) {
            assertArrayEquals(expected[c].stream().mapToInt(Integer::intValue).toArray(),
                    g.neighbours(c), "neighbours of " + c);
        }
        assertSymmetricSortedSimple(g);
        SuperpixelGraph wide = SuperpixelGraph.build(sp, lab, null, Neighbourhood.TWO_HOP);
        assertSymmetricSortedSimple(wide);
        assertTrue(wide.edgeCount() > g.edgeCount());
        int total = 0;
        for (int c = 0; c < k; c++) {
            total += g.size(c);
        }
        assertEquals(w * sp.height(), total);
    }

    private static void assertSymmetricSortedSimple(SuperpixelGraph g) {
        for (int v = 0; v < g.nodeCount(); v++) {
            int[] row = g.neighbours(v);
            for (int j = 0; j < row.length; j++) {
                assertTrue(row[j] != v, "self-loop at " + v);
                assertTrue(j == 0 || row[j - 1] < row[j], "row " + v + " sorted, unique");
                assertTrue(Arrays.binarySearch(g.neighbours(row[j]), v) >= 0,
                        "edge " + v + "-" + row[j] + " stored both ways");
            }
        }
    }

    @Test
    void probabilityIsOptionalAndSizesMustMatch() {
        SuperpixelGraph g = SuperpixelGraph.build(BLOCKS, indexLab(), null, Neighbourhood.ADJACENT);
        assertFalse(g.hasProbability());
        assertThrows(IllegalStateException.class, () -> g.meanProbability(0));
        assertThrows(IllegalArgumentException.class, () -> SuperpixelGraph.build(BLOCKS, indexLab(),
                FloatMap.zeros(W, H + 1), Neighbourhood.ADJACENT));
        LabImage small = new LabImage(2, 2, new float[4], new float[4], new float[4]);
        assertThrows(IllegalArgumentException.class,
                () -> SuperpixelGraph.build(BLOCKS, small, null, Neighbourhood.ADJACENT));
        SuperpixelLabels unused = new SuperpixelLabels(2, 2, 3, new int[] {0, 0, 1, 1});
        assertThrows(IllegalArgumentException.class,
                () -> SuperpixelGraph.build(unused, small, null, Neighbourhood.ADJACENT));
    }
}
