package dermaseg.image;

import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A dense single-channel float raster in row-major order: the FCN's probability map, the
 * superpixel map, the fused map. Plain arrays rather than OpenCV {@code Mat}s so that stages
 * stay plain Java functions that need no native memory management; convert with
 * {@link #toMat()} / {@link #fromMat} where OpenCV does the work.
 */
public final class FloatMap {
    private final int width;
    private final int height;
    private final float[] data;

    public FloatMap(int width, int height, float[] data) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        if (data.length != (long) width * height) {
            throw new IllegalArgumentException("data has " + data.length + " values for "
                    + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.data = data;
    }

    public static FloatMap zeros(int width, int height) {
        return new FloatMap(width, height, new float[width * height]);
    }

    public static FloatMap filled(int width, int height, float value) {
        float[] d = new float[width * height];
        Arrays.fill(d, value);
        return new FloatMap(width, height, d);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (not a copy): stages that own the map may write to it. */
    public float[] data() {
        return data;
    }

    public float get(int x, int y) {
        return data[y * width + x];
    }

    /** A copy as a {@code CV_32FC1} Mat, owned by the returned handle. */
    public MatHandle toMat() {
        OpenCv.load();
        Mat m = new Mat(height, width, CvType.CV_32FC1);
        m.put(0, 0, data);
        return MatHandle.of(m);
    }

    /** Copies a single-channel {@code CV_32F} Mat. */
    public static FloatMap fromMat(Mat mat) {
        if (mat.type() != CvType.CV_32FC1) {
            throw new IllegalArgumentException("expected CV_32FC1, got " + CvType.typeToString(mat.type()));
        }
        float[] d = new float[mat.rows() * mat.cols()];
        if (mat.isContinuous()) {
            mat.get(0, 0, d);
        } else {
            try (MatHandle copy = MatHandle.of(mat.clone())) {
                copy.mat().get(0, 0, d);
            }
        }
        return new FloatMap(mat.cols(), mat.rows(), d);
    }

    /** Resized with bilinear interpolation (area averaging when shrinking). */
    public FloatMap resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return new FloatMap(width, height, data.clone());
        }
        boolean shrinking = (long) newWidth * newHeight < (long) width * height;
        try (MatHandle src = toMat(); MatHandle dst = MatHandle.empty()) {
            Imgproc.resize(src.mat(), dst.mat(),
                    new Size(newWidth, newHeight), 0, 0,
                    shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            return fromMat(dst.mat());
        }
    }
}
