package dermaseg.superpixel;

import dermaseg.image.BinaryMask;

/**
 * Boundary recall, the boundary-adherence measure of the SLIC paper (Achanta et al., TPAMI 2012):
 * the fraction of ground-truth boundary pixels that have a superpixel boundary pixel within
 * {@code d} pixels. A boundary pixel, for both label images, is a pixel with a 4-neighbour of
 * another label (so both sides of an edge count); "within d" is Euclidean,
 * {@code dx² + dy² <= d²}. The paper uses d = 2. {@code scripts/bench-slic-opencv.py} computes the
 * same definition so that the two SLICs can be compared.
 */
public final class BoundaryRecall {
    /** The tolerance of the paper, in pixels. */
    public static final int DEFAULT_TOLERANCE = 2;

    private BoundaryRecall() {
    }

    /** Recall against a binary ground-truth mask; NaN when the mask has no boundary. */
    public static double of(SuperpixelLabels superpixels, BinaryMask groundTruth, int tolerance) {
        byte[] p = groundTruth.pixels();
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            labels[i] = p[i] != 0 ? 1 : 0;
        }
        return of(superpixels, labels, groundTruth.width(), groundTruth.height(), tolerance);
    }

    /** Recall against a ground-truth label image of the same size; NaN when it has no boundary. */
    public static double of(SuperpixelLabels superpixels, int[] groundTruth, int width, int height,
            int tolerance) {
        int w = superpixels.width();
        int h = superpixels.height();
        if (width != w || height != h || groundTruth.length != w * h) {
            throw new IllegalArgumentException("ground truth is " + width + "x" + height
                    + " (" + groundTruth.length + " values), superpixels " + w + "x" + h);
        }
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        }
        boolean[] truth = SuperpixelLabels.boundaryPixels(groundTruth, w, h);
        boolean[] found = SuperpixelLabels.boundaryPixels(superpixels.labels(), w, h);
        int[] offX = new int[(2 * tolerance + 1) * (2 * tolerance + 1)];
        int[] offY = new int[offX.length];
        int offsets = 0;
        for (int dy = -tolerance; dy <= tolerance; dy++) {
            for (int dx = -tolerance; dx <= tolerance; dx++) {
                if (dx * dx + dy * dy <= tolerance * tolerance) {
                    offX[offsets] = dx;
                    offY[offsets++] = dy;
                }
            }
        }
        long total = 0;
        long hit = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!truth[y * w + x]) {
                    continue;
                }
                total++;
                for (int o = 0; o < offsets; o++) {
                    int nx = x + offX[o];
                    int ny = y + offY[o];
                    if (nx >= 0 && nx < w && ny >= 0 && ny < h && found[ny * w + nx]) {
                        hit++;
                        break;
                    }
                }
            }
        }
        return total == 0 ? Double.NaN : (double) hit / total;
    }
}
