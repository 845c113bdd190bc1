package dermaseg.testing;

import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import java.util.function.BiConsumer;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Image and mask files made from the bundled samples, for the data-preparation tests. All PNG. */
public final class TestPairs {
    private TestPairs() {
    }

    /** An image or mask flipped: 1 about the vertical axis, 0 about the horizontal one. */
    public static byte[] flipped(byte[] encoded, int axis) {
        return transformed(encoded, (in, out) -> Core.flip(in, out, axis));
    }

    /** An image or mask turned a quarter clockwise (width and height swap). */
    public static byte[] rotated90(byte[] encoded) {
        return transformed(encoded, (in, out) -> Core.rotate(in, out, Core.ROTATE_90_CLOCKWISE));
    }

    /** A mask resized by nearest neighbour to {@code width × height}: still binary, now the wrong size. */
    public static byte[] resizedMask(byte[] encoded, int width, int height) {
        return transformed(encoded, (in, out) -> Imgproc.resize(in, out, new Size(width, height), 0, 0,
                Imgproc.INTER_NEAREST));
    }

    /** A mask with its top-left {@code n × n} pixels set to grey 128, as a JPEG-saved mask would have. */
    public static byte[] withGreyCorner(byte[] encoded, int n) {
        return transformed(encoded, (in, out) -> {
            in.copyTo(out);
            try (MatHandle corner = MatHandle.of(out.submat(0, n, 0, n))) {
                corner.mat().setTo(new Scalar(128));
            }
        });
    }

    /** An all-black mask of {@code width × height}. */
    public static byte[] blankMask(int width, int height) {
        try (MatHandle m = MatHandle.allocate(height, width, CvType.CV_8UC1)) {
            m.mat().setTo(new Scalar(0));
            return ImageOps.encodePng(m.mat());
        }
    }

    /** {@code {width, height}} of an encoded image. */
    public static int[] size(byte[] encoded) {
        try (MatHandle m = decode(encoded)) {
            return new int[] {m.width(), m.height()};
        }
    }

    private static byte[] transformed(byte[] encoded, BiConsumer<Mat, Mat> op) {
        try (MatHandle in = decode(encoded); MatHandle out = MatHandle.empty()) {
            op.accept(in.mat(), out.mat());
            return ImageOps.encodePng(out.mat());
        }
    }

    private static MatHandle decode(byte[] encoded) {
        OpenCv.load();  // before the MatOfByte, which needs the natives
        try (MatHandle buffer = MatHandle.of(new MatOfByte(encoded))) {
            return MatHandle.of(Imgcodecs.imdecode(buffer.mat(), Imgcodecs.IMREAD_UNCHANGED));
        }
    }
}
