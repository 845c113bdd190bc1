package dermaseg.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A binary lesion mask: one byte per pixel, row-major, 0 for skin and 255 for lesion, the
 * convention of the ISIC ground-truth PNGs and of OpenCV's 8-bit masks.
 */
public final class BinaryMask {
    public static final byte ON = (byte) 255;

    private final int width;
    private final int height;
    private final byte[] pixels;

    public BinaryMask(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("mask has " + pixels.length + " pixels for "
                    + width + "x" + height);
        }
        for (byte p : pixels) {
            if (p != 0 && p != ON) {
                throw new IllegalArgumentException("mask values must be 0 or 255, found " + (p & 0xff));
            }
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public static BinaryMask empty(int width, int height) {
        return new BinaryMask(width, height, new byte[width * height]);
    }

    /** Pixels where {@code map >= threshold} are lesion. */
    public static BinaryMask threshold(FloatMap map, float threshold) {
        float[] d = map.data();
        byte[] p = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] >= threshold) {
                p[i] = ON;
            }
        }
        return new BinaryMask(map.width(), map.height(), p);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (not a copy). */
    public byte[] pixels() {
        return pixels;
    }

    public boolean isSet(int x, int y) {
        return pixels[y * width + x] != 0;
    }

    /** Number of lesion pixels. */
    public long area() {
        long n = 0;
        for (byte p : pixels) {
            if (p != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The lesion's bounding box {x, y, width, height}, all zero when the mask is empty: what the
     * {@code bbox_*} columns report, and the part of the mask that border measures need to look at.
     */
    public int[] boundingBox() {
        int minX = width;
        int minY = -1;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int first = 0;
            while (first < width && pixels[row + first] == 0) {
                first++;
            }
            if (first == width) {
                continue;
            }
            // Only the skin on either side of a row's lesion is read: the lesion itself is skipped.
            int last = width - 1;
            while (pixels[row + last] == 0) {
                last--;
            }
            minX = Math.min(minX, first);
            maxX = Math.max(maxX, last);
            if (minY < 0) {
                minY = y;
            }
            maxY = y;
        }
        return maxX < 0 ? new int[] {0, 0, 0, 0} : new int[] {minX, minY, maxX - minX + 1, maxY - minY + 1};
    }

    /** A copy as a {@code CV_8UC1} Mat (0/255), owned by the returned handle. */
    public MatHandle toMat() {
        OpenCv.load();
        Mat m = new Mat(height, width, CvType.CV_8UC1);
        m.put(0, 0, pixels);
        return MatHandle.of(m);
    }

    /** Copies a {@code CV_8UC1} Mat; any non-zero value counts as lesion. */
    public static BinaryMask fromMat(Mat mat) {
        if (mat.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("expected CV_8UC1, got " + CvType.typeToString(mat.type()));
        }
        byte[] p = new byte[mat.rows() * mat.cols()];
        if (mat.isContinuous()) {
            mat.get(0, 0, p);
        } else {
            try (MatHandle copy = MatHandle.of(mat.clone())) {
                copy.mat().get(0, 0, p);
            }
        }
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0) {
                p[i] = ON;
            }
        }
        return new BinaryMask(mat.cols(), mat.rows(), p);
    }

    /** Resized with nearest-neighbour interpolation, so it stays binary. */
    public BinaryMask resizeNearest(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return new BinaryMask(width, height, pixels.clone());
        }
        try (MatHandle src = toMat(); MatHandle dst = MatHandle.empty()) {
            Imgproc.resize(src.mat(), dst.mat(),
                    new Size(newWidth, newHeight), 0, 0,
                    Imgproc.INTER_NEAREST);
            return fromMat(dst.mat());
        }
    }
}
