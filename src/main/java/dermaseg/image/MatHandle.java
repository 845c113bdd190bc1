package dermaseg.image;

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

    public Mat mat() {
        return mat;
    }

    public int width() {
        return mat.cols();
    }

    public int height() {
        return mat.rows();
    }

    @Override
    public void close() {
        mat.release();
    }
}
