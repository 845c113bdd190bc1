package dermaseg.image;

import java.util.Objects;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Turns encoded bytes (JPEG, PNG, BMP or TIFF, recognised by signature) into an 8-bit BGR image,
 * or refuses them with an {@link ImageDecodeException} whose {@link DecodeFailure} says why. What
 * is wrong with the bytes never escapes as an OpenCV or ImageIO exception; only a failure of the
 * machine itself (OpenCV out of native memory while converting a decoded image) does.
 *
 * <p>Order of checks, cheapest and most protective first: byte count; signature; for JPEG, that
 * the end-of-image marker is there (libjpeg pads a truncated file with grey and reports
 * success); the header's width and height, read with javax.imageio (a hand parse for BMP), against
 * {@link ImageLimits} — so a small file that declares 50000×50000 pixels is refused before
 * anything is allocated; only then the full decode with OpenCV.
 *
 * <p>Normalisation: grayscale is replicated to three channels; an alpha channel is dropped, keeping
 * the stored colour under it (dermoscopy has no meaningful transparency, and compositing over a
 * background would invent colours the camera never saw); 16-bit samples are scaled to 8 bits
 * ({@code v / 257}, rounded, so 65535 becomes 255), not truncated; a multi-page TIFF gives its
 * first page.
 *
 * <p>EXIF orientation is applied: the image comes out as viewers show it (browsers, image
 * viewers and labelling tools all honour the tag), so its width and height are the displayed
 * ones and a mask drawn over the displayed image lines up with it. Masks are decoded the same
 * way. This is why the decode uses {@code IMREAD_ANYDEPTH | IMREAD_ANYCOLOR} (keeps 16-bit
 * samples and grayscale, drops alpha, applies orientation) rather than {@code IMREAD_UNCHANGED},
 * which in OpenCV 4 skips orientation.
 *
 * <p>Immutable and thread-safe: a Spark executor shares one instance among its tasks.
 */
public final class ImageDecoder {
    private final ImageLimits limits;

    public ImageDecoder() {
        this(ImageLimits.defaults());
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /** The image as {@code CV_8UC3} BGR in its displayed orientation, owned by the caller. */
    public MatHandle decode(byte[] bytes) throws ImageDecodeException {
        MatHandle image = decodeStored(bytes);
        try {
            Mat m = image.mat();
            to8Bit(m);
            switch (m.channels()) {
                case 1 -> Imgproc.cvtColor(m, m, Imgproc.COLOR_GRAY2BGR);
                case 4 -> Imgproc.cvtColor(m, m, Imgproc.COLOR_BGRA2BGR);
                default -> {
                    // three channels: already BGR
                }
            }
            return image;
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
    }

    /**
     * Validated and decoded but not normalised: {@code CV_8U} or {@code CV_16U}, with 1, 3 (BGR)
     * or 4 (BGRA) channels, in the displayed orientation. For callers that need the stored sample
     * values, as the mask checks do.
     */
    MatHandle decodeStored(byte[] bytes) throws ImageDecodeException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new ImageDecodeException(DecodeFailure.EMPTY, "no bytes");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageDecodeException(DecodeFailure.TOO_LARGE,
                    bytes.length + " bytes, limit " + limits.maxBytes());
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == ImageFormat.JPEG && format.endsEarly(bytes)) {
            throw new ImageDecodeException(DecodeFailure.TRUNCATED, "JPEG has no end-of-image marker");
        }
        ImageFormat.Dimensions size = format.dimensions(bytes);
        checkDimensions(format, size);

        OpenCv.load();
        Mat decoded;
        try (MatHandle buffer = MatHandle.of(new MatOfByte(bytes))) {
            decoded = Imgcodecs.imdecode(buffer.mat(), Imgcodecs.IMREAD_ANYDEPTH | Imgcodecs.IMREAD_ANYCOLOR);
        } catch (CvException e) {
            // e.g. OpenCV's own size assertion when our limit is set above its 2^30 pixels
            throw new ImageDecodeException(DecodeFailure.UNDECODABLE, format + ": " + e.getMessage(), e);
        }
        MatHandle image = MatHandle.of(decoded);
        if (decoded.empty()) {
            image.close();
            if (format.endsEarly(bytes)) {
                throw new ImageDecodeException(DecodeFailure.TRUNCATED, format + " ends before its structure does");
            }
            throw new ImageDecodeException(DecodeFailure.UNDECODABLE, format + " pixel data could not be decoded");
        }
        int depth = decoded.depth();
        int channels = decoded.channels();
        if ((depth != CvType.CV_8U && depth != CvType.CV_16U) || (channels != 1 && channels != 3 && channels != 4)) {
            image.close();
            throw new ImageDecodeException(DecodeFailure.UNSUPPORTED_FORMAT,
                    format + " with samples of type " + CvType.typeToString(decoded.type()));
        }
        return image;
    }

    /** Scales 16-bit samples to 8 bits in place; 8-bit images are left alone. */
    static void to8Bit(Mat m) {
        if (m.depth() == CvType.CV_16U) {
            m.convertTo(m, CvType.CV_8U, 1.0 / 257.0);
        }
    }

    private void checkDimensions(ImageFormat format, ImageFormat.Dimensions size) throws ImageDecodeException {
        String declared = format + " header declares " + size.width() + "x" + size.height();
        if (size.pixels() > limits.maxPixels()) {
            throw new ImageDecodeException(DecodeFailure.TOO_LARGE,
                    declared + ", limit " + limits.maxPixels() + " pixels");
        }
        if (size.width() < limits.minSide() || size.height() < limits.minSide()) {
            throw new ImageDecodeException(DecodeFailure.TOO_SMALL,
                    declared + ", minimum side " + limits.minSide());
        }
    }
}
