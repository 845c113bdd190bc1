package dermaseg.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/** Test inputs made in memory: encoded with OpenCV or javax.imageio, and doctored headers. */
final class TestImages {
    private TestImages() {
    }

    /** {@code mat} encoded by OpenCV; {@code ext} as for imencode, e.g. ".png". */
    static byte[] encode(String ext, Mat mat, int... params) {
        try (MatHandle buf = MatHandle.of(new MatOfByte()); MatHandle p = MatHandle.of(new MatOfInt(params))) {
            if (!Imgcodecs.imencode(ext, mat, (MatOfByte) buf.mat(), (MatOfInt) p.mat())) {
                throw new IllegalStateException("imencode " + ext);
            }
            return ((MatOfByte) buf.mat()).toArray();
        }
    }

    /** A solid image encoded by OpenCV. */
    static byte[] encodeSolid(String ext, int width, int height, int type, Scalar value) {
        try (MatHandle m = solid(width, height, type, value)) {
            return encode(ext, m.mat());
        }
    }

    static MatHandle solid(int width, int height, int type, Scalar value) {
        return MatHandle.of(new Mat(height, width, type, value));
    }

    /** Reproducible 8-bit BGR noise, which compresses badly, so truncation cuts real pixel data. */
    static MatHandle noise(int width, int height, long seed) {
        byte[] px = new byte[width * height * 3];
        new Random(seed).nextBytes(px);
        MatHandle m = MatHandle.of(new Mat(height, width, CvType.CV_8UC3));
        m.mat().put(0, 0, px);
        return m;
    }

    static byte[] noiseEncoded(String ext, int width, int height) {
        try (MatHandle m = noise(width, height, 42)) {
            return encode(ext, m.mat());
        }
    }

    /** {@code image} written by javax.imageio, an encoder independent of OpenCV. */
    static byte[] imageIo(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG whose IHDR claims {@code width × height}, with a valid CRC: a well-formed bomb. */
    static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] b = png.clone();
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.putInt(16, width);
        buf.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(b, 12, 17);
        buf.putInt(29, (int) crc.getValue());
        return b;
    }

    /** A JPEG whose baseline SOF0 frame header claims {@code width × height}. */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 9 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0) {
                ByteBuffer buf = ByteBuffer.wrap(b);
                buf.putShort(i + 5, (short) height);
                buf.putShort(i + 7, (short) width);
                return b;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    /** A BMP whose info header claims {@code width × height}. */
    static byte[] withBmpSize(byte[] bmp, int width, int height) {
        byte[] b = bmp.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(18, width);
        buf.putInt(22, height);
        return b;
    }

    /** A TIFF whose first directory claims {@code width × height} (SHORT or LONG tags). */
    static byte[] withTiffSize(byte[] tiff, int width, int height) {
        byte[] b = tiff.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = buf.getInt(4);
        int entries = buf.getShort(ifd) & 0xFFFF;
        for (int k = 0; k < entries; k++) {
            int e = ifd + 2 + 12 * k;
            int tag = buf.getShort(e) & 0xFFFF;
            if (tag == 256 || tag == 257) {
                int value = tag == 256 ? width : height;
                if (buf.getShort(e + 2) == 3) {
                    buf.putShort(e + 8, (short) value);
                } else {
                    buf.putInt(e + 8, value);
                }
            }
        }
        return b;
    }

    /** The BGR value at ({@code x}, {@code y}) of an 8-bit image. */
    static int[] bgrAt(Mat m, int x, int y) {
        byte[] px = new byte[m.channels()];
        m.get(y, x, px);
        int[] v = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            v[i] = px[i] & 0xFF;
        }
        return v;
    }

    /** Every pixel of an 8-bit image, interleaved. */
    static byte[] bytes(Mat m) {
        byte[] px = new byte[(int) m.total() * m.channels()];
        m.get(0, 0, px);
        return px;
    }
}
