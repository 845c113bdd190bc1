package dermaseg.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ManifoldRankingTest {
    /**
     * A path 0-1-2-3-4 with a weak link between 2 and 3, as across a colour edge: weak compared
     * with 1 − α, which is what lets ranking cross a link at all.
     */
    private static final int[] FROM = {0, 1, 2, 3};
    private static final int[] TO = {1, 2, 3, 4};
    private static final double[] W = {1.0, 1.0, 1e-4, 1.0};

    @Test
    void matchesTheDenseClosedForm() {
        double alpha = 0.9;
        DMatrixRMaj y = new DMatrixRMaj(5, 2);
        y.set(0, 0, 1);
        y.set(4, 1, 1);
        DMatrixRMaj f = ManifoldRanking.rank(5, FROM, TO, W, alpha, y);

        DMatrixRMaj a = new DMatrixRMaj(5, 5);
        for (int e = 0; e < FROM.length; e++) {
            a.add(FROM[e], FROM[e], W[e]);
            a.add(TO[e], TO[e], W[e]);
            a.add(FROM[e], TO[e], -alpha * W[e]);
            a.add(TO[e], FROM[e], -alpha * W[e]);
        }
        DMatrixRMaj expected = new DMatrixRMaj(5, 2);
        assertTrue(CommonOps_DDRM.solve(a, y, expected));
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(expected.get(i, j), f.get(i, j), 1e-9 * Math.abs(expected.get(i, j)) + 1e-12);
            }
        }
    }

    @Test
    void rankingSpreadsAlongStrongEdgesAndStopsAtWeakOnes() {
        DMatrixRMaj y = new DMatrixRMaj(5, 2);
        y.set(0, 0, 1);
        y.set(4, 1, 1);
        DMatrixRMaj f = ManifoldRanking.rank(5, FROM, TO, W, 0.99, y);
        for (int i = 0; i < 5; i++) {
            assertTrue(f.get(i, 0) >= 0 && f.get(i, 1) >= 0, "scores are non-negative");
        }
        // Nodes 1 and 2 sit with the first query, node 3 with the second: the weak edge divides.
        assertTrue(f.get(2, 0) > f.get(2, 1));
        assertTrue(f.get(3, 1) > f.get(3, 0));
        assertTrue(f.get(1, 0) > f.get(3, 0) * 10, "the weak edge holds the first class back");
    }

    @Test
    void isolatedNodeStaysSolvable() {
        DMatrixRMaj y = new DMatrixRMaj(3, 1);
        y.set(2, 0, 1);
        DMatrixRMaj f = ManifoldRanking.rank(3, new int[] {0}, new int[] {1}, new double[] {1.0}, 0.99, y);
        assertEquals(1.0, f.get(2, 0), 1e-12);
        assertEquals(0, f.get(0, 0), 1e-12);
    }
}
