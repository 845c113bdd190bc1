package dermaseg.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Pictures for the evaluation report: mask outlines, superpixel boundaries and probability maps
 * drawn over a {@code CV_8UC3} BGR image, and a montage of the panels. Every method draws on a
 * new image and leaves its inputs alone; colours are OpenCV {@link Scalar}s in BGR order. Encode
 * a result with {@link ImageOps#encodePng}.
 */
public final class Overlay {
    private Overlay() {
    }

    /** A mask to outline and the BGR colour of its outline. */
    public record Outline(BinaryMask mask, Scalar colour) {
        public Outline {
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(colour, "colour");
        }
    }

    /**
     * A line thickness that stays visible when the report shows the image scaled to a page: one
     * pixel per 400 pixels of the longer side, at least one.
     */
    public static int scaledThickness(Mat image) {
        return Math.max(1, (int) Math.round(Math.max(image.cols(), image.rows()) / 400.0));
    }

    /**
     * The outlines of the masks (outer boundaries and the boundaries of holes) drawn in order, a
     * later one over an earlier one. A line of thickness 1 covers exactly the mask's own boundary
     * pixels; thicker lines grow to both sides of it.
     */
    public static MatHandle contours(Mat bgr, List<Outline> outlines, int thickness) {
        requireBgr(bgr);
        if (thickness < 1) {
            throw new IllegalArgumentException("thickness must be positive, got " + thickness);
        }
        for (Outline o : outlines) {
            requireSameSize(bgr, o.mask().width(), o.mask().height(), "mask");
        }
        return MatHandle.filled(out -> {
            bgr.copyTo(out);
            for (Outline o : outlines) {
                drawOutline(out, o, thickness);
            }
        });
    }

    /**
     * Superpixel boundaries in {@code colour}: every pixel with a 4-neighbour of another label, so
     * the line is two pixels wide and sits on both sides of the true boundary, hiding neither
     * superpixel. {@code labels} is row-major, one label per pixel of {@code bgr}.
     */
    public static MatHandle superpixelBoundaries(Mat bgr, int[] labels, Scalar colour) {
        requireBgr(bgr);
        int width = bgr.cols();
        int height = bgr.rows();
        if (labels.length != width * height) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for a "
                    + width + "x" + height + " image");
        }
        byte[] boundary = new byte[labels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (x + 1 < width && labels[i + 1] != labels[i]) {
                    boundary[i] = BinaryMask.ON;
                    boundary[i + 1] = BinaryMask.ON;
                }
                if (y + 1 < height && labels[i + width] != labels[i]) {
                    boundary[i] = BinaryMask.ON;
                    boundary[i + width] = BinaryMask.ON;
                }
            }
        }
        try (MatHandle where = new BinaryMask(width, height, boundary).toMat()) {
            return MatHandle.filled(out -> {
                bgr.copyTo(out);
                out.setTo(colour, where.mat());
            });
        }
    }

    /**
     * A map of values in [0, 1] as a BGR image in the viridis colour map (dark blue-violet at 0,
     * yellow at 1; perceptually even and readable in gray print, unlike jet). Values outside
     * [0, 1] are clamped.
     */
    public static MatHandle heatMap(FloatMap map) {
        try (MatHandle values = map.toMat(); MatHandle gray = MatHandle.empty()) {
            // convertTo rounds and saturates, which is the clamping.
            values.mat().convertTo(gray.mat(), CvType.CV_8U, 255.0);
            return MatHandle.filled(out -> Imgproc.applyColorMap(gray.mat(), out, Imgproc.COLORMAP_VIRIDIS));
        }
    }

    /** Equally sized BGR panels side by side, left to right, {@code gap} white columns apart. */
    public static MatHandle montage(List<Mat> panels, int gap) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("no panels");
        }
        if (gap < 0) {
            throw new IllegalArgumentException("gap must not be negative, got " + gap);
        }
        Mat first = panels.get(0);
        for (Mat p : panels) {
            requireBgr(p);
            requireSameSize(first, p.cols(), p.rows(), "panel");
        }
        int w = first.cols();
        int h = first.rows();
        return MatHandle.filled(out -> {
            out.create(h, panels.size() * (w + gap) - gap, CvType.CV_8UC3);
            out.setTo(new Scalar(255, 255, 255));
            for (int i = 0; i < panels.size(); i++) {
                try (MatHandle slot = MatHandle.of(out.submat(new Rect(i * (w + gap), 0, w, h)))) {
                    panels.get(i).copyTo(slot.mat());
                }
            }
        });
    }

    private static void drawOutline(Mat canvas, Outline outline, int thickness) {
        List<MatOfPoint> contours = new ArrayList<>();
        try (MatHandle mask = outline.mask().toMat(); MatHandle hierarchy = MatHandle.empty()) {
            Imgproc.findContours(mask.mat(), contours, hierarchy.mat(), Imgproc.RETR_LIST,
                    Imgproc.CHAIN_APPROX_SIMPLE);
            Imgproc.drawContours(canvas, contours, -1, outline.colour(), thickness);
        } finally {
            contours.forEach(Mat::release);
        }
    }

    private static void requireBgr(Mat image) {
        if (image.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected a CV_8UC3 BGR image, got "
                    + CvType.typeToString(image.type()));
        }
    }

    private static void requireSameSize(Mat image, int width, int height, String what) {
        if (width != image.cols() || height != image.rows()) {
            throw new IllegalArgumentException(what + " is " + width + "x" + height + ", image is "
                    + image.cols() + "x" + image.rows());
        }
    }
}
