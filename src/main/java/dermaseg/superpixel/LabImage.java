package dermaseg.superpixel;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * An image in CIELAB as three planes of floats, row-major: {@code L} in [0, 100], {@code a} and
 * {@code b} roughly in [-128, 127] (true Lab units, D65 white, sRGB input). SLIC's compactness is
 * defined against these units, so they must not be the 8-bit encoding OpenCV uses for
 * {@code CV_8U} images (L scaled to [0, 255], a and b offset by 128).
 *
 * <p>Separate planes rather than interleaved triples: SLIC's inner loop walks one row of a
 * window at a time, and three sequential streams prefetch as well as one.
 */
public final class LabImage {
    private final int width;
    private final int height;
    private final float[] l;
    private final float[] a;
    private final float[] b;

    /** Wraps the planes (not copied); each must hold {@code width * height} values. */
    public LabImage(int width, int height, float[] l, float[] a, float[] b) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        long n = (long) width * height;
        if (l.length != n || a.length != n || b.length != n) {
            throw new IllegalArgumentException("planes must hold " + n + " values for " + width
                    + "x" + height + ", got " + l.length + ", " + a.length + ", " + b.length);
        }
        this.width = width;
        this.height = height;
        this.l = l;
        this.a = a;
        this.b = b;
    }

    /** Converts a whole 8-bit BGR image ({@code CV_8UC3}, OpenCV's decoding order). */
    public static LabImage fromBgr(Mat bgr) {
        checkBgr(bgr);
        return convert(bgr);
    }

    /**
     * Converts the part of an 8-bit BGR image inside {@code roi}; pixel (0, 0) of the result is
     * the ROI's top-left corner. The refine stage runs SLIC only around the FCN's lesion.
     */
    public static LabImage fromBgr(Mat bgr, Rect roi) {
        checkBgr(bgr);
        if (roi.width <= 0 || roi.height <= 0 || roi.x < 0 || roi.y < 0
                || roi.x + roi.width > bgr.cols() || roi.y + roi.height > bgr.rows()) {
            throw new IllegalArgumentException("ROI " + roi + " is empty or outside the "
                    + bgr.cols() + "x" + bgr.rows() + " image");
        }
        try (MatHandle view = MatHandle.of(bgr.submat(roi))) {
            return convert(view.mat());
        }
    }

    private static void checkBgr(Mat bgr) {
        OpenCv.load();
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected CV_8UC3 BGR, got "
                    + CvType.typeToString(bgr.type()));
        }
        if (bgr.empty()) {
            throw new IllegalArgumentException("image is empty");
        }
    }

    private static LabImage convert(Mat bgr) {
        int w = bgr.cols();
        int h = bgr.rows();
        int n = w * h;
        float[] l = new float[n];
        float[] a = new float[n];
        float[] b = new float[n];
        List<Mat> planes = new ArrayList<>(3);
        try (MatHandle scaled = MatHandle.empty(); MatHandle lab = MatHandle.empty()) {
            // Float input makes cvtColor return true Lab units instead of the 8-bit encoding.
            bgr.convertTo(scaled.mat(), CvType.CV_32FC3, 1.0 / 255.0);
            Imgproc.cvtColor(scaled.mat(), lab.mat(), Imgproc.COLOR_BGR2Lab);
            // Splitting natively and copying each plane out beats de-interleaving in Java.
            Core.split(lab.mat(), planes);
        }
        try (MatHandle pl = MatHandle.of(planes.get(0));
                MatHandle pa = MatHandle.of(planes.get(1));
                MatHandle pb = MatHandle.of(planes.get(2))) {
            pl.mat().get(0, 0, l);
            pa.mat().get(0, 0, a);
            pb.mat().get(0, 0, b);
        }
        return new LabImage(w, h, l, a, b);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Lightness plane (backing array, not a copy). */
    public float[] l() {
        return l;
    }

    /** Green-red plane (backing array, not a copy). */
    public float[] a() {
        return a;
    }

    /** Blue-yellow plane (backing array, not a copy). */
    public float[] b() {
        return b;
    }
}
