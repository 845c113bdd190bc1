package dermaseg.refine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * The closed form of graph-based manifold ranking, {@code f = (D − αW)⁻¹ y} (Yang, Zhang, Lu,
 * Ruan and Yang, "Saliency Detection via Graph-Based Manifold Ranking", CVPR 2013; Zhou et al.,
 * "Learning with Local and Global Consistency", NIPS 2003), where {@code W} holds the edge
 * affinities, {@code D} their row sums and {@code y} marks the queries (seeds).
 *
 * <p>{@code D − αW} is symmetric and, for {@code α < 1}, strictly diagonally dominant on every
 * node with an edge, hence positive definite: it is factored once with EJML's sparse Cholesky and
 * solved for all query vectors together. Deviation: an isolated node (no edges, e.g. a region of
 * one superpixel) would make the matrix singular; such a node gets a diagonal of 1, so that its
 * score is its own query value, which is what ranking would give it with nothing to spread to.
 */
public final class ManifoldRanking {
    private ManifoldRanking() {
    }

    /**
     * @param nodes    node count
     * @param edgeFrom edge endpoints (each undirected edge once)
     * @param edgeTo   the other endpoints
     * @param weights  edge affinities, positive
     * @param alpha    in (0, 1): how far ranking spreads (Yang et al. use 0.99)
     * @param queries  {@code nodes × q} matrix, one column per query vector
     * @return the ranking scores, {@code nodes × q}
     */
    public static DMatrixRMaj rank(int nodes, int[] edgeFrom, int[] edgeTo, double[] weights,
            double alpha, DMatrixRMaj queries) {
        if (alpha <= 0 || alpha >= 1) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (queries.numRows != nodes) {
            throw new IllegalArgumentException("queries have " + queries.numRows + " rows for " + nodes + " nodes");
        }
        double[] degree = new double[nodes];
        for (int e = 0; e < edgeFrom.length; e++) {
            degree[edgeFrom[e]] += weights[e];
            degree[edgeTo[e]] += weights[e];
        }
        DMatrixSparseTriplet triplets = new DMatrixSparseTriplet(nodes, nodes, nodes + 2 * edgeFrom.length);
        for (int i = 0; i < nodes; i++) {
            triplets.addItem(i, i, degree[i] > 0 ? degree[i] : 1.0);
        }
        for (int e = 0; e < edgeFrom.length; e++) {
            double v = -alpha * weights[e];
            triplets.addItem(edgeFrom[e], edgeTo[e], v);
            triplets.addItem(edgeTo[e], edgeFrom[e], v);
        }
        DMatrixSparseCSC system = DConvertMatrixStruct.convert(triplets, (DMatrixSparseCSC) null);
        LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> solver =
                LinearSolverFactory_DSCC.cholesky(FillReducing.NONE);
        if (!solver.setA(system)) {
            throw new IllegalStateException("D - alpha*W is not positive definite; check the affinities");
        }
        DMatrixRMaj scores = new DMatrixRMaj(nodes, queries.numCols);
        solver.solve(queries.copy(), scores);
        return scores;
    }
}
