package dermaseg.fcn;

import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Turns an 8-bit BGR image into the network's input: resized to the square working size, RGB,
 * channel-first, each channel standardised to zero mean and unit variance over the image.
 *
 * <p>Per-image standardisation rather than dataset statistics: dermoscopes differ in white
 * balance and exposure, and the model will meet images from devices it never saw in training.
 * Inference and the trainer's validation go through {@link #toInput(Mat, int)}; training samples go
 * through {@link dermaseg.train.Augmenter}, which augments between the same {@link #resizeToSquare} and
 * {@link #standardisedChw}, so training and inference cannot drift apart.
 */
public final class FcnPreprocessor {
    private static final double MIN_STD = 1.0;

    private FcnPreprocessor() {
    }

    /** CHW float tensor data ({@code 3 * size * size} values) for a BGR {@code CV_8UC3} image. */
    public static float[] toInput(Mat bgr, int size) {
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected CV_8UC3, got " + CvType.typeToString(bgr.type()));
        }
        try (MatHandle resized = resizeToSquare(bgr, size)) {
            return standardisedChw(resized.mat());
        }
    }

    /** A BGR image already at {@code size × size}, e.g. an augmented training sample. */
    public static float[] standardisedChw(Mat bgrSquare) {
        int h = bgrSquare.rows();
        int w = bgrSquare.cols();
        int plane = h * w;
        byte[] pixels = MatHandle.copyBytes(bgrSquare);
        float[] out = new float[plane * 3];
        for (int c = 0; c < 3; c++) {
            int bgrChannel = 2 - c;
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < plane; i++) {
                int v = pixels[i * 3 + bgrChannel] & 0xff;
                sum += v;
                sumSq += (double) v * v;
            }
            double mean = sum / plane;
            double std = Math.sqrt(Math.max(sumSq / plane - mean * mean, 0));
            float scale = (float) (1.0 / Math.max(std, MIN_STD));
            float offset = (float) mean;
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = ((pixels[i * 3 + bgrChannel] & 0xff) - offset) * scale;
            }
        }
        return out;
    }

    /** Square resize: area averaging when shrinking (no aliasing), bilinear when enlarging. */
    public static MatHandle resizeToSquare(Mat bgr, int size) {
        return ImageOps.resize(bgr, size, size);
    }
}
