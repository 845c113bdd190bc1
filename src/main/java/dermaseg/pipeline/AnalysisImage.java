package dermaseg.pipeline;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import java.io.Serializable;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The image at analysis resolution (the original, or shrunk so that its longer side fits the
 * configured limit), as raw BGR bytes, with the original size. Raw rather than re-encoded: the
 * superpixel stage needs the pixels, and PNG or JPEG would cost more time than the bytes cost
 * memory for the few images in flight.
 */
public record AnalysisImage(int width, int height, byte[] bgr, int originalWidth, int originalHeight)
        implements Serializable {
    public AnalysisImage {
        if (bgr.length != (long) width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " bytes, got " + bgr.length);
        }
    }

    /** The sizes alone, for the stages that do not read the pixels. */
    public ImageGeometry geometry() {
        return new ImageGeometry(width, height, originalWidth, originalHeight);
    }

    public static AnalysisImage of(Mat bgr, int originalWidth, int originalHeight) {
        return new AnalysisImage(bgr.cols(), bgr.rows(), MatHandle.copyBytes(bgr), originalWidth, originalHeight);
    }

    /** A {@code CV_8UC3} copy, owned by the returned handle. */
    public MatHandle toMat() {
        OpenCv.load();
        Mat m = new Mat(height, width, CvType.CV_8UC3);
        m.put(0, 0, bgr);
        return MatHandle.of(m);
    }
}
