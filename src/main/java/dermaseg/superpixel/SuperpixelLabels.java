package dermaseg.superpixel;

import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;

/**
 * A label image: for each pixel, row-major, the index of its superpixel in {@code [0, count)}.
 * {@link Slic} guarantees that every label is used and is one 4-connected region; this class
 * checks only the range, so that hand-made label images (tests, other segmenters) fit too.
 */
public final class SuperpixelLabels {
    private final int width;
    private final int height;
    private final int count;
    private final int[] labels;

    /** Wraps {@code labels} (not copied); every value must lie in {@code [0, count)}. */
    public SuperpixelLabels(int width, int height, int count, int[] labels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        if (labels.length != (long) width * height) {
            throw new IllegalArgumentException("labels has " + labels.length + " values for "
                    + width + "x" + height);
        }
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        for (int label : labels) {
            if (label < 0 || label >= count) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + count + ")");
            }
        }
        this.width = width;
        this.height = height;
        this.count = count;
        this.labels = labels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of superpixels. */
    public int count() {
        return count;
    }

    /** The backing array (not a copy). */
    public int[] labels() {
        return labels;
    }

    public int label(int x, int y) {
        return labels[y * width + x];
    }

    /** Pixel count of each superpixel. */
    public int[] sizes() {
        int[] sizes = new int[count];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }

    /** Pixels with a 4-neighbour in another superpixel (both sides of every edge), for overlays. */
    public BinaryMask boundaryMask() {
        boolean[] edge = boundaryPixels(labels, width, height);
        byte[] p = new byte[edge.length];
        for (int i = 0; i < edge.length; i++) {
            if (edge[i]) {
                p[i] = BinaryMask.ON;
            }
        }
        return new BinaryMask(width, height, p);
    }

    /**
     * Paints one value per superpixel back onto the pixels: the local map of the refine stage
     * is a confidence per superpixel.
     */
    public FloatMap paint(float[] perSuperpixel) {
        if (perSuperpixel.length != count) {
            throw new IllegalArgumentException("need " + count + " values, got " + perSuperpixel.length);
        }
        float[] d = new float[labels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = perSuperpixel[labels[i]];
        }
        return new FloatMap(width, height, d);
    }

    /** Pixels with a 4-neighbour of another value; shared with {@link BoundaryRecall}. */
    static boolean[] boundaryPixels(int[] labels, int width, int height) {
        boolean[] edge = new boolean[labels.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                int l = labels[i];
                if (x + 1 < width && labels[i + 1] != l) {
                    edge[i] = true;
                    edge[i + 1] = true;
                }
                if (y + 1 < height && labels[i + width] != l) {
                    edge[i] = true;
                    edge[i + width] = true;
                }
            }
        }
        return edge;
    }
}
