package dermaseg.image;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Binary masks to and from bytes. Output masks are 8-bit single-channel PNGs holding 0 and 255,
 * the ISIC convention. Ground-truth masks are read with {@link ImageDecoder}'s validation and
 * reason codes, in any format and sample layout it accepts, and binarised: a pixel is lesion
 * when its brightest colour channel, scaled to 8 bits, is at least 128 (the brightest channel, so
 * that a mask annotated in pure red or green is not lost to a luminance weighting). Alpha is
 * ignored, as in {@link ImageDecoder}.
 *
 * <p>Binarising hides how a mask was stored, so {@link #decodeChecked} also counts the pixels that
 * were not exactly black or white before thresholding: a mask saved as JPEG, resampled with
 * interpolation, or stored as 0/1 shows up there, and data preparation refuses such masks.
 */
public final class MaskCodec {
    private final ImageDecoder decoder;

    public MaskCodec() {
        this(ImageLimits.defaults());
    }

    public MaskCodec(ImageLimits limits) {
        this.decoder = new ImageDecoder(limits);
    }

    /**
     * A binarised mask and the number of its stored pixels that were neither pure black (every
     * colour channel 0) nor pure white (every colour channel at the maximum of the sample type:
     * 255, or 65535 for 16-bit masks).
     */
    public record Decoded(BinaryMask mask, long nonBinaryPixels) {
        public boolean strictlyBinary() {
            return nonBinaryPixels == 0;
        }
    }

    /** An 8-bit, single-channel PNG of 0s and 255s. */
    public static byte[] encodePng(BinaryMask mask) {
        try (MatHandle m = mask.toMat()) {
            return ImageOps.encodePng(m.mat());
        }
    }

    /** The mask, thresholded at 128 on the brightest colour channel. */
    public BinaryMask decode(byte[] bytes) throws ImageDecodeException {
        return decodeChecked(bytes).mask();
    }

    public Decoded decodeChecked(byte[] bytes) throws ImageDecodeException {
        try (MatHandle stored = decoder.decodeStored(bytes);
             MatHandle lowest = MatHandle.empty();
             MatHandle highest = MatHandle.empty();
             MatHandle scratch = MatHandle.empty()) {
            Mat m = stored.mat();
            colourExtremes(m, lowest.mat(), highest.mat());
            double full = m.depth() == CvType.CV_16U ? 65535 : 255;
            long black = countEqual(highest.mat(), 0, scratch.mat());
            long white = countEqual(lowest.mat(), full, scratch.mat());
            long nonBinary = (long) m.rows() * m.cols() - black - white;

            Mat h = highest.mat();
            ImageDecoder.to8Bit(h);
            Imgproc.threshold(h, h, 127, 255, Imgproc.THRESH_BINARY);
            return new Decoded(BinaryMask.fromMat(h), nonBinary);
        }
    }

    /** Per-pixel minimum and maximum over the colour channels (alpha left out). */
    private static void colourExtremes(Mat m, Mat lowest, Mat highest) {
        if (m.channels() == 1) {
            m.copyTo(lowest);
            m.copyTo(highest);
            return;
        }
        List<Mat> planes = new ArrayList<>(m.channels());
        try {
            Core.split(m, planes);
            planes.get(0).copyTo(lowest);
            planes.get(0).copyTo(highest);
            for (int c = 1; c < 3; c++) {
                Core.min(lowest, planes.get(c), lowest);
                Core.max(highest, planes.get(c), highest);
            }
        } finally {
            planes.forEach(Mat::release);
        }
    }

    private static long countEqual(Mat m, double value, Mat scratch) {
        Core.compare(m, new Scalar(value), scratch, Core.CMP_EQ);
        return Core.countNonZero(scratch);
    }
}
