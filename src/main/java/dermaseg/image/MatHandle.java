package dermaseg.image;

import java.util.function.Consumer;
import org.opencv.core.Mat;

/**
 * Owns an OpenCV {@link Mat} and releases its native memory on {@link #close()}, so that every
 * {@code Mat} the project creates can live in a try-with-resources block. The garbage collector
 * would free it eventually, but a Spark executor decoding thousands of 30-megapixel images would
 * run out of native memory long before the Java heap felt any pressure.
 */
public final class MatHandle implements AutoCloseable {
    private final Mat mat;

    private MatHandle(Mat mat) {
        this.mat = mat;
    }

    /** Takes ownership of {@code mat}: closing the handle releases it. */
    public static MatHandle of(Mat mat) {
        OpenCv.load();
        return new MatHandle(mat);
    }

    /** A new, empty {@code Mat} to be filled by an OpenCV call. */
    public static MatHandle empty() {
        OpenCv.load();
        return new MatHandle(new Mat());
    }

    /**
     * A new Mat that {@code fill} writes into (typically as an OpenCV call's output), owned by the
     * returned handle; released at once if {@code fill} throws.
     */
    public static MatHandle filled(Consumer<Mat> fill) {
        MatHandle out = empty();
        try {
            fill.accept(out.mat);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** A new {@code rows × cols} Mat of the given OpenCV type, contents undefined. */
    public static MatHandle allocate(int rows, int cols, int type) {
        OpenCv.load();
        return new MatHandle(new Mat(rows, cols, type));
    }

    public Mat mat() {
        return mat;
    }

    public int width() {
        return mat.cols();
    }

    public int height() {
        return mat.rows();
    }

    /** All bytes of an 8-bit Mat in row-major order, whether or not it is continuous. */
    public static byte[] copyBytes(Mat m) {
        byte[] out = new byte[(int) (m.total() * m.channels())];
        if (m.isContinuous()) {
            m.get(0, 0, out);
        } else {
            Mat copy = m.clone();
            try {
                copy.get(0, 0, out);
            } finally {
                copy.release();
            }
        }
        return out;
    }

    @Override
    public void close() {
        mat.release();
    }
}
