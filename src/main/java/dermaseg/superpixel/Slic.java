package dermaseg.superpixel;

import java.util.Arrays;
import java.util.Objects;

/**
 * SLIC superpixels: Achanta et al., "SLIC Superpixels Compared to State-of-the-Art Superpixel
 * Methods", IEEE TPAMI 34(11), 2012. Seeds on a regular grid, each moved to the lowest-gradient
 * position of its 3×3 neighbourhood; local k-means in Lab-xy space where each centre only
 * competes for the pixels of its 2S×2S window, with
 * {@code D² = d_lab² + (d_xy / S)² m²}; a fixed number of iterations; then connectivity
 * enforcement, after which every label is exactly one 4-connected region and labels run
 * {@code 0..count-1}.
 *
 * <p>Deviations from the paper, and why:
 * <ul>
 *   <li>The grid has {@code cols × rows} cells chosen so that their number is close to the
 *       target and cells are close to square; the cells may be slightly rectangular (intervals
 *       {@code Sx}, {@code Sy}) so that they tile the image exactly. The search window is
 *       {@code 2Sx × 2Sy} and the spatial normaliser is {@code S = sqrt(Sx·Sy)}. The reference
 *       implementation derives the strip counts from one {@code S = sqrt(N / K)} on both axes,
 *       which gives no row at all for a strip thinner than S/2; here a 1000×3 strip asked for
 *       10 superpixels gets one row of ten 100×3 cells.</li>
 *   <li>Seeds are not perturbed when a cell is narrower than 3 pixels: neighbouring seeds could
 *       then land on the same pixel and one of them would be wasted.</li>
 *   <li>The target count is clamped to the number of pixels and to {@value #MAX_SEEDS}.</li>
 *   <li>Distances are compared squared, in {@code float}, and packed with the centre index into
 *       one int per pixel (see {@link #cluster}): with k seeds they keep
 *       {@code 23 - ceil(log2 k)} mantissa bits, 14 for 400 superpixels, so a pixel whose two
 *       nearest centres are within about 0.01% of each other goes to the lower index. At the
 *       {@value #MAX_SEEDS}-seed limit the resolution is still under 1%.</li>
 *   <li>The residual-error convergence test is replaced by a fixed iteration count, as the
 *       paper itself recommends.</li>
 *   <li>Connectivity follows the reference implementation: components are visited in raster
 *       order and a fragment smaller than the minimum size joins the superpixel of the
 *       already-visited pixel beside its first pixel, which keeps the merged region connected.</li>
 * </ul>
 *
 * <p>Single-threaded and deterministic: ties go to the lower centre index. Instances are
 * immutable and may be shared between threads.
 */
public final class Slic {
    /** Most seeds SLIC places; see the class comment for why. */
    public static final int MAX_SEEDS = 1 << 16;

    private final SlicConfig config;

    public Slic(SlicConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public SlicConfig config() {
        return config;
    }

    /** Superpixels of the whole image: {@link #cluster} then {@link #enforceConnectivity}. */
    public SuperpixelLabels segment(LabImage image) {
        return enforceConnectivity(cluster(image), image.width(), image.height());
    }

    /** Number of seeds SLIC places on an image of this size. */
    public int seedCount(int width, int height) {
        Grid g = grid(width, height);
        return g.cols * g.rows;
    }

    /**
     * The k-means stage alone, exposed so that benchmarks can time the stages: per pixel, the
     * index of its cluster centre in {@code [0, seedCount)}. A cluster may be several
     * disconnected pieces, and some indices may be unused.
     */
    public int[] cluster(LabImage image) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        float[] pl = image.l();
        float[] pa = image.a();
        float[] pb = image.b();
        Grid g = grid(w, h);
        int k = g.cols * g.rows;

        float[] cl = new float[k];
        float[] ca = new float[k];
        float[] cb = new float[k];
        float[] cx = new float[k];
        float[] cy = new float[k];
        boolean perturb = g.stepX >= 3 && g.stepY >= 3;
        for (int r = 0, c = 0; r < g.rows; r++) {
            int sy = (int) ((r + 0.5) * g.stepY);
            for (int col = 0; col < g.cols; col++, c++) {
                int sx = (int) ((col + 0.5) * g.stepX);
                if (perturb) {
                    int best = lowestGradient(pl, pa, pb, w, h, sx, sy);
                    sx = best % w;
                    sy = best / w;
                }
                int i = sy * w + sx;
                cl[c] = pl[i];
                ca[c] = pa[i];
                cb[c] = pb[i];
                cx[c] = sx;
                cy[c] = sy;
            }
        }

        // Each pixel keeps one int key: the bits of its best squared distance so far (a
        // non-negative float, whose bits order like the float) with the low bits replaced by
        // the centre index. Math.min on keys then updates distance and label at once with a
        // conditional move: a compare-and-branch mispredicts whenever windows overlap, and cost
        // twice the time. (C2 does not vectorise this loop; the win is the branch.)
        int labelBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(k - 1));
        int labelMask = (1 << labelBits) - 1;
        int unreached = Integer.MAX_VALUE & ~labelMask;
        int[] keys = new int[n];
        // Until some centre reaches it, a pixel belongs to its own grid cell.
        int[] columnCell = new int[w];
        for (int x = 0; x < w; x++) {
            columnCell[x] = Math.min(g.cols - 1, (int) (x / g.stepX));
        }
        for (int y = 0, i = 0; y < h; y++) {
            int rowCell = Math.min(g.rows - 1, (int) (y / g.stepY)) * g.cols;
            for (int x = 0; x < w; x++, i++) {
                keys[i] = unreached | (rowCell + columnCell[x]);
            }
        }

        double m = config.compactness();
        float spatial = (float) (m * m / (g.stepX * g.stepY));
        float rx = (float) Math.ceil(g.stepX);
        float ry = (float) Math.ceil(g.stepY);
        float[] columnTerm = new float[2 * (int) rx + 2];
        double[] sumL = new double[k];
        double[] sumA = new double[k];
        double[] sumB = new double[k];
        long[] sumX = new long[k];
        long[] sumY = new long[k];
        int[] members = new int[k];

        for (int it = 0; it < config.iterations(); it++) {
            for (int i = 0; i < n; i++) {
                keys[i] |= unreached;
            }
            for (int c = 0; c < k; c++) {
                float kl = cl[c];
                float ka = ca[c];
                float kb = cb[c];
                float kx = cx[c];
                float ky = cy[c];
                int x0 = Math.max(0, (int) Math.ceil(kx - rx));
                int x1 = Math.min(w - 1, (int) (kx + rx));
                int y0 = Math.max(0, (int) Math.ceil(ky - ry));
                int y1 = Math.min(h - 1, (int) (ky + ry));
                int len = x1 - x0 + 1;
                for (int j = 0; j < len; j++) {
                    float dx = x0 + j - kx;
                    columnTerm[j] = dx * dx * spatial;
                }
                for (int y = y0; y <= y1; y++) {
                    float dy = y - ky;
                    float rowTerm = dy * dy * spatial;
                    int row = y * w + x0;
                    for (int j = 0; j < len; j++) {
                        int i = row + j;
                        float dl = pl[i] - kl;
                        float da = pa[i] - ka;
                        float db = pb[i] - kb;
                        float d = dl * dl + da * da + db * db + columnTerm[j] + rowTerm;
                        keys[i] = Math.min(keys[i], (Float.floatToRawIntBits(d) & ~labelMask) | c);
                    }
                }
            }

            Arrays.fill(sumL, 0);
            Arrays.fill(sumA, 0);
            Arrays.fill(sumB, 0);
            Arrays.fill(sumX, 0);
            Arrays.fill(sumY, 0);
            Arrays.fill(members, 0);
            // Labels come in long horizontal runs: summing a run in locals and flushing it once
            // avoids a store-to-load dependency through the sum arrays at every pixel.
            for (int y = 0; y < h; y++) {
                int row = y * w;
                int x = 0;
                while (x < w) {
                    int c = keys[row + x] & labelMask;
                    int start = x;
                    double l = 0;
                    double a = 0;
                    double b = 0;
                    do {
                        int i = row + x;
                        l += pl[i];
                        a += pa[i];
                        b += pb[i];
                        x++;
                    } while (x < w && (keys[row + x] & labelMask) == c);
                    int run = x - start;
                    sumL[c] += l;
                    sumA[c] += a;
                    sumB[c] += b;
                    sumX[c] += (long) run * (start + x - 1) / 2;
                    sumY[c] += (long) run * y;
                    members[c] += run;
                }
            }
            for (int c = 0; c < k; c++) {
                int size = members[c];
                if (size > 0) {
                    double inv = 1.0 / size;
                    cl[c] = (float) (sumL[c] * inv);
                    ca[c] = (float) (sumA[c] * inv);
                    cb[c] = (float) (sumB[c] * inv);
                    cx[c] = (float) (sumX[c] * inv);
                    cy[c] = (float) (sumY[c] * inv);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            keys[i] &= labelMask;
        }
        return keys;
    }

    /**
     * Makes every label one 4-connected region: each connected piece of a cluster becomes its own
     * superpixel, except pieces smaller than the minimum size, which join an adjacent superpixel.
     * Labels are renumbered {@code 0..count-1} in raster order of their first pixel.
     *
     * @param clusterLabels output of {@link #cluster} (any int labels work; -1 is a label too)
     */
    public SuperpixelLabels enforceConnectivity(int[] clusterLabels, int width, int height) {
        int n = width * height;
        if (clusterLabels.length != n) {
            throw new IllegalArgumentException("labels has " + clusterLabels.length + " values for "
                    + width + "x" + height);
        }
        int minSize = Math.max(1,
                (int) (config.minSegmentFraction() * n / seedCount(width, height)));
        int[] out = new int[n];
        Arrays.fill(out, -1);
        int[] queue = new int[n];
        int[] queueX = new int[n];
        int next = 0;
        for (int y = 0, start = 0; y < height; y++) {
            for (int x = 0; x < width; x++, start++) {
                if (out[start] >= 0) {
                    continue;
                }
                // The pixel before this one in raster order is already labelled, and it touches
                // the piece, so joining its superpixel keeps that superpixel connected.
                int adjacent = x > 0 ? out[start - 1] : y > 0 ? out[start - width] : -1;
                int old = clusterLabels[start];
                out[start] = next;
                queue[0] = start;
                queueX[0] = x;
                int size = 1;
                for (int q = 0; q < size; q++) {
                    int p = queue[q];
                    int px = queueX[q];
                    if (px > 0 && out[p - 1] < 0 && clusterLabels[p - 1] == old) {
                        out[p - 1] = next;
                        queue[size] = p - 1;
                        queueX[size++] = px - 1;
                    }
                    if (px + 1 < width && out[p + 1] < 0 && clusterLabels[p + 1] == old) {
                        out[p + 1] = next;
                        queue[size] = p + 1;
                        queueX[size++] = px + 1;
                    }
                    if (p >= width && out[p - width] < 0 && clusterLabels[p - width] == old) {
                        out[p - width] = next;
                        queue[size] = p - width;
                        queueX[size++] = px;
                    }
                    if (p + width < n && out[p + width] < 0 && clusterLabels[p + width] == old) {
                        out[p + width] = next;
                        queue[size] = p + width;
                        queueX[size++] = px;
                    }
                }
                if (size < minSize && adjacent >= 0) {
                    for (int q = 0; q < size; q++) {
                        out[queue[q]] = adjacent;
                    }
                } else {
                    next++;
                }
            }
        }
        return new SuperpixelLabels(width, height, next, out);
    }

    /** Index of the pixel in the 3×3 neighbourhood of (x, y) with the smallest Lab gradient. */
    private static int lowestGradient(float[] pl, float[] pa, float[] pb, int w, int h,
            int x, int y) {
        int best = y * w + x;
        float bestG = gradient(pl, pa, pb, w, h, x, y);
        for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
            for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
                float g = gradient(pl, pa, pb, w, h, nx, ny);
                if (g < bestG) {
                    bestG = g;
                    best = ny * w + nx;
                }
            }
        }
        return best;
    }

    /** The paper's G(x, y): squared Lab differences across the pixel, borders clamped. */
    private static float gradient(float[] pl, float[] pa, float[] pb, int w, int h, int x, int y) {
        int row = y * w;
        int left = row + Math.max(0, x - 1);
        int right = row + Math.min(w - 1, x + 1);
        int up = Math.max(0, y - 1) * w + x;
        int down = Math.min(h - 1, y + 1) * w + x;
        float hl = pl[right] - pl[left];
        float ha = pa[right] - pa[left];
        float hb = pb[right] - pb[left];
        float vl = pl[down] - pl[up];
        float va = pa[down] - pa[up];
        float vb = pb[down] - pb[up];
        return hl * hl + ha * ha + hb * hb + vl * vl + va * va + vb * vb;
    }

    private Grid grid(int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("size must be positive: " + w + "x" + h);
        }
        long target = config.superpixels();
        if (config.byRegionSize()) {
            double r = config.regionSize();
            int cols = clamp(Math.round(w / r), w);
            int rows = clamp(Math.round(h / r), h);
            if ((long) cols * rows <= MAX_SEEDS) {
                return new Grid(cols, rows, (double) w / cols, (double) h / rows);
            }
            target = MAX_SEEDS;
        }
        long n = (long) w * h;
        long k = Math.min(Math.min(target, MAX_SEEDS), n);
        double s = Math.sqrt((double) n / k);
        int cols;
        int rows;
        // Fix the count along the short side first, so that a strip still gets its share.
        if (w >= h) {
            rows = clamp(Math.round(h / s), h);
            cols = clamp(Math.min(Math.round((double) k / rows), MAX_SEEDS / rows), w);
        } else {
            cols = clamp(Math.round(w / s), w);
            rows = clamp(Math.min(Math.round((double) k / cols), MAX_SEEDS / cols), h);
        }
        return new Grid(cols, rows, (double) w / cols, (double) h / rows);
    }

    private static int clamp(long v, int max) {
        return (int) Math.max(1, Math.min(max, v));
    }

    private record Grid(int cols, int rows, double stepX, double stepY) {
    }
}
