package dermaseg.image;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Small operations on 8-bit BGR images that the stages share. Every result is a new Mat. */
public final class ImageOps {
    private ImageOps() {
    }

    /**
     * Resized, keeping the aspect ratio, so that the longer side is {@code longerSide}; the shorter
     * side is rounded and at least 1.
     */
    public static MatHandle resizeToLongerSide(Mat image, int longerSide) {
        if (longerSide < 1) {
            throw new IllegalArgumentException("longerSide must be positive, got " + longerSide);
        }
        double scale = (double) longerSide / Math.max(image.cols(), image.rows());
        int width = Math.max(1, (int) Math.round(image.cols() * scale));
        int height = Math.max(1, (int) Math.round(image.rows() * scale));
        return resize(image, width, height);
    }

    /**
     * Resized to exactly {@code width × height}: area averaging when shrinking (bilinear sampling
     * would skip pixels and alias fine texture such as hair), bilinear when enlarging.
     */
    public static MatHandle resize(Mat image, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        if (width == image.cols() && height == image.rows()) {
            return MatHandle.filled(image::copyTo);
        }
        boolean shrinking = (long) width * height < (long) image.cols() * image.rows();
        return MatHandle.filled(out -> Imgproc.resize(image, out, new Size(width, height), 0, 0,
                shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR));
    }

    /** PNG bytes of an 8- or 16-bit image with 1, 3 (BGR) or 4 (BGRA) channels. */
    public static byte[] encodePng(Mat image) {
        try (MatHandle owner = MatHandle.of(new MatOfByte())) {
            MatOfByte buffer = (MatOfByte) owner.mat();
            if (!Imgcodecs.imencode(".png", image, buffer)) {
                throw new IllegalStateException("PNG encoding failed for " + image);
            }
            return buffer.toArray();
        }
    }
}
