package dermaseg.superpixel;

import dermaseg.image.FloatMap;
import java.util.Arrays;

/**
 * The graph the refine stage ranks on: one node per superpixel with its size, mean Lab colour,
 * mean lesion probability, centroid and bounding box; edges between superpixels that touch
 * (4-neighbouring pixels), and optionally between neighbours of neighbours, the wider
 * neighbourhood of Yang et al., "Saliency Detection via Graph-Based Manifold Ranking"
 * (CVPR 2013), which lets colour similarity reach across a thin superpixel.
 *
 * <p>Adjacency is compressed sparse rows: the neighbours of node {@code i} are
 * {@code adjacency()[adjacencyOffsets()[i] .. adjacencyOffsets()[i + 1] - 1]}, sorted, without
 * duplicates or self-loops, and every edge is stored in both directions.
 */
public final class SuperpixelGraph {
    /** Which superpixels are joined by an edge. */
    public enum Neighbourhood {
        /** Superpixels that share a 4-connected pixel boundary. */
        ADJACENT,
        /** Those, plus the neighbours of each neighbour. */
        TWO_HOP
    }

    private final int nodes;
    private final int[] size;
    private final float[] meanL;
    private final float[] meanA;
    private final float[] meanB;
    private final float[] meanProbability;
    private final float[] centroidX;
    private final float[] centroidY;
    private final int[] minX;
    private final int[] minY;
    private final int[] maxX;
    private final int[] maxY;
    private final int[] offsets;
    private final int[] adjacency;

    private SuperpixelGraph(int nodes, int[] size, float[] meanL, float[] meanA, float[] meanB,
            float[] meanProbability, float[] centroidX, float[] centroidY,
            int[] minX, int[] minY, int[] maxX, int[] maxY, int[] offsets, int[] adjacency) {
        this.nodes = nodes;
        this.size = size;
        this.meanL = meanL;
        this.meanA = meanA;
        this.meanB = meanB;
        this.meanProbability = meanProbability;
        this.centroidX = centroidX;
        this.centroidY = centroidY;
        this.minX = minX;
        this.minY = minY;
        this.maxX = maxX;
        this.maxY = maxY;
        this.offsets = offsets;
        this.adjacency = adjacency;
    }

    /**
     * Builds the graph in one pass over the pixels.
     *
     * @param probability lesion probability of the same size as the labels, or null when the
     *     node means are not needed ({@link #meanProbability} then throws)
     */
    public static SuperpixelGraph build(SuperpixelLabels superpixels, LabImage lab,
            FloatMap probability, Neighbourhood neighbourhood) {
        int w = superpixels.width();
        int h = superpixels.height();
        if (lab.width() != w || lab.height() != h) {
            throw new IllegalArgumentException("Lab image is " + lab.width() + "x" + lab.height()
                    + ", superpixels " + w + "x" + h);
        }
        if (probability != null && (probability.width() != w || probability.height() != h)) {
            throw new IllegalArgumentException("probability map is " + probability.width() + "x"
                    + probability.height() + ", superpixels " + w + "x" + h);
        }
        int k = superpixels.count();
        int[] labels = superpixels.labels();
        float[] pl = lab.l();
        float[] pa = lab.a();
        float[] pb = lab.b();
        float[] prob = probability == null ? null : probability.data();

        int[] size = new int[k];
        double[] sumL = new double[k];
        double[] sumA = new double[k];
        double[] sumB = new double[k];
        double[] sumP = new double[k];
        long[] sumX = new long[k];
        long[] sumY = new long[k];
        int[] minX = new int[k];
        int[] minY = new int[k];
        int[] maxX = new int[k];
        int[] maxY = new int[k];
        Arrays.fill(minX, Integer.MAX_VALUE);
        Arrays.fill(minY, Integer.MAX_VALUE);
        Arrays.fill(maxX, -1);
        Arrays.fill(maxY, -1);
        // Each pixel pair across a boundary is an edge; runs along a boundary repeat the same
        // pair, so remembering the last horizontal and vertical pair drops most duplicates
        // before the sort.
        LongList edges = new LongList();
        long lastAcross = -1;
        long lastDown = -1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int i = row + x;
                int c = labels[i];
                size[c]++;
                sumL[c] += pl[i];
                sumA[c] += pa[i];
                sumB[c] += pb[i];
                if (prob != null) {
                    sumP[c] += prob[i];
                }
                sumX[c] += x;
                sumY[c] += y;
                if (x < minX[c]) {
                    minX[c] = x;
                }
                if (x > maxX[c]) {
                    maxX[c] = x;
                }
                if (y < minY[c]) {
                    minY[c] = y;
                }
                maxY[c] = y;
                if (x + 1 < w && labels[i + 1] != c) {
                    long e = edge(c, labels[i + 1]);
                    if (e != lastAcross) {
                        edges.add(e);
                        lastAcross = e;
                    }
                }
                if (y + 1 < h && labels[i + w] != c) {
                    long e = edge(c, labels[i + w]);
                    if (e != lastDown) {
                        edges.add(e);
                        lastDown = e;
                    }
                }
            }
        }

        float[] meanL = new float[k];
        float[] meanA = new float[k];
        float[] meanB = new float[k];
        float[] meanP = prob == null ? null : new float[k];
        float[] centroidX = new float[k];
        float[] centroidY = new float[k];
        for (int c = 0; c < k; c++) {
            if (size[c] == 0) {
                throw new IllegalArgumentException("superpixel " + c + " has no pixels");
            }
            double inv = 1.0 / size[c];
            meanL[c] = (float) (sumL[c] * inv);
            meanA[c] = (float) (sumA[c] * inv);
            meanB[c] = (float) (sumB[c] * inv);
            if (meanP != null) {
                meanP[c] = (float) (sumP[c] * inv);
            }
            centroidX[c] = (float) (sumX[c] * inv);
            centroidY[c] = (float) (sumY[c] * inv);
        }

        int[][] csr = adjacencyFromEdges(k, edges.sortedUnique());
        if (neighbourhood == Neighbourhood.TWO_HOP) {
            csr = withTwoHop(k, csr[0], csr[1]);
        }
        return new SuperpixelGraph(k, size, meanL, meanA, meanB, meanP, centroidX, centroidY,
                minX, minY, maxX, maxY, csr[0], csr[1]);
    }

    private static long edge(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    /**
     * CSR from sorted unique pairs (a < b). Node v receives its smaller neighbours (from pairs
     * (a, v)) before its larger ones (from pairs (v, b)), each in ascending order, because the
     * pairs are sorted by their first element: so every row comes out sorted without a sort.
     */
    private static int[][] adjacencyFromEdges(int k, long[] pairs) {
        int[] offsets = new int[k + 1];
        for (long e : pairs) {
            offsets[(int) (e >>> 32) + 1]++;
            offsets[(int) e + 1]++;
        }
        for (int c = 0; c < k; c++) {
            offsets[c + 1] += offsets[c];
        }
        int[] fill = Arrays.copyOf(offsets, k);
        int[] adjacency = new int[offsets[k]];
        for (long e : pairs) {
            int a = (int) (e >>> 32);
            int b = (int) e;
            adjacency[fill[a]++] = b;
            adjacency[fill[b]++] = a;
        }
        return new int[][] {offsets, adjacency};
    }

    /** Adds neighbours of neighbours; the relation stays symmetric because paths reverse. */
    private static int[][] withTwoHop(int k, int[] offsets, int[] adjacency) {
        int[] seen = new int[k];
        Arrays.fill(seen, -1);
        int[] newOffsets = new int[k + 1];
        IntList out = new IntList(adjacency.length * 3);
        int[] row = new int[k];
        for (int v = 0; v < k; v++) {
            seen[v] = v;
            int n = 0;
            for (int p = offsets[v]; p < offsets[v + 1]; p++) {
                int u = adjacency[p];
                if (seen[u] != v) {
                    seen[u] = v;
                    row[n++] = u;
                }
                for (int q = offsets[u]; q < offsets[u + 1]; q++) {
                    int t = adjacency[q];
                    if (seen[t] != v) {
                        seen[t] = v;
                        row[n++] = t;
                    }
                }
            }
            Arrays.sort(row, 0, n);
            out.addAll(row, n);
            newOffsets[v + 1] = out.size();
        }
        return new int[][] {newOffsets, out.toArray()};
    }

    /** Number of nodes (superpixels). */
    public int nodeCount() {
        return nodes;
    }

    /** Number of undirected edges. */
    public int edgeCount() {
        return adjacency.length / 2;
    }

    /** Pixel count of a node. */
    public int size(int node) {
        return size[node];
    }

    public float meanL(int node) {
        return meanL[node];
    }

    public float meanA(int node) {
        return meanA[node];
    }

    public float meanB(int node) {
        return meanB[node];
    }

    /** Whether the graph was built with a probability map. */
    public boolean hasProbability() {
        return meanProbability != null;
    }

    /** Mean lesion probability of a node's pixels. */
    public float meanProbability(int node) {
        if (meanProbability == null) {
            throw new IllegalStateException("graph was built without a probability map");
        }
        return meanProbability[node];
    }

    public float centroidX(int node) {
        return centroidX[node];
    }

    public float centroidY(int node) {
        return centroidY[node];
    }

    /** Bounding box, inclusive. */
    public int minX(int node) {
        return minX[node];
    }

    public int minY(int node) {
        return minY[node];
    }

    public int maxX(int node) {
        return maxX[node];
    }

    public int maxY(int node) {
        return maxY[node];
    }

    public int degree(int node) {
        return offsets[node + 1] - offsets[node];
    }

    /** A node's neighbours, sorted (a copy). */
    public int[] neighbours(int node) {
        return Arrays.copyOfRange(adjacency, offsets[node], offsets[node + 1]);
    }

    /** CSR row offsets, {@code nodeCount() + 1} of them (backing array, not a copy). */
    public int[] adjacencyOffsets() {
        return offsets;
    }

    /** CSR column indices (backing array, not a copy). */
    public int[] adjacency() {
        return adjacency;
    }

    /** A growable array of longs: no boxing on the per-pixel path. */
    private static final class LongList {
        private long[] data = new long[1024];
        private int size;

        void add(long v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        long[] sortedUnique() {
            Arrays.sort(data, 0, size);
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (n == 0 || data[i] != data[n - 1]) {
                    data[n++] = data[i];
                }
            }
            return Arrays.copyOf(data, n);
        }
    }

    private static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(16, capacity)];
        }

        void addAll(int[] values, int n) {
            if (size + n > data.length) {
                data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
            }
            System.arraycopy(values, 0, data, size, n);
            size += n;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
