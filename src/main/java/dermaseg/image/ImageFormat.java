package dermaseg.image;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The container formats the decoder accepts, recognised by signature rather than by file name
 * (corpora mislabel extensions), and what their headers and structure say before any pixel is
 * decoded.
 */
enum ImageFormat {
    JPEG("jpeg"),
    PNG("png"),
    BMP("bmp"),
    TIFF("tiff");

    /** Dimensions as declared by a header; longs, because a hostile header may overflow ints. */
    record Dimensions(long width, long height) {
        long pixels() {
            return width * height;
        }
    }

    private static final Set<Long> BMP_INFO_SIZES = Set.of(12L, 16L, 40L, 52L, 56L, 64L, 108L, 124L);

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    static ImageFormat sniff(byte[] b) throws ImageDecodeException {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        // "BM" alone is too weak a signature (text starts that way); the DIB header size after it
        // takes one of a few known values.
        if (startsWith(b, 'B', 'M') && b.length >= 18 && BMP_INFO_SIZES.contains(le32(b, 14))) {
            return BMP;
        }
        if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
            return TIFF;
        }
        if (startsWith(b, 'I', 'I', 43, 0) || startsWith(b, 'M', 'M', 0, 43)) {
            // libtiff could read it, but the JDK reader cannot, so its size could not be checked first.
            throw new ImageDecodeException(DecodeFailure.UNSUPPORTED_FORMAT, "BigTIFF");
        }
        throw new ImageDecodeException(DecodeFailure.UNSUPPORTED_FORMAT, "unrecognised signature "
                + HexFormat.of().formatHex(Arrays.copyOf(b, Math.min(b.length, 8))));
    }

    /** The header's width and height, read without decoding any pixel data. */
    Dimensions dimensions(byte[] b) throws ImageDecodeException {
        // BMP by hand: the JDK's BMP reader refuses a header whose sides disagree with its
        // image-size field with the same IIOException as a corrupt one, so an oversized header
        // would come out as undecodable instead of too_large. The header is a fixed
        // little-endian struct.
        return this == BMP ? bmpDimensions(b) : imageIoDimensions(b);
    }

    /**
     * Whether the structure of the file runs past its end: a JPEG without its end-of-image
     * marker, a PNG without a complete IEND chunk, a BMP shorter than its declared file size.
     * False for TIFF (the JDK reader reports a short IFD as end of file; short strip data only
     * makes libtiff fail) and for a malformed structure, which is the decoder's to judge.
     */
    boolean endsEarly(byte[] b) {
        return switch (this) {
            case JPEG -> jpegEndsEarly(b);
            case PNG -> pngEndsEarly(b);
            case BMP -> b.length >= 6 && le32(b, 2) > b.length;
            case TIFF -> false;
        };
    }

    private Dimensions imageIoDimensions(byte[] b) throws ImageDecodeException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no javax.imageio reader for " + imageIoName);
        }
        ImageReader reader = readers.next();
        // A memory cache: ImageIO's default for streams is a temporary file per call.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(b))) {
            reader.setInput(in, true, true);
            return new Dimensions(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            // Plugins may also throw unchecked exceptions on a malformed header; none may escape.
            DecodeFailure failure = causedByEndOfFile(e) ? DecodeFailure.TRUNCATED : DecodeFailure.UNDECODABLE;
            throw new ImageDecodeException(failure, name() + " header: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static Dimensions bmpDimensions(byte[] b) throws ImageDecodeException {
        boolean core = le32(b, 14) == 12;
        if (b.length < (core ? 22 : 26)) {
            throw new ImageDecodeException(DecodeFailure.TRUNCATED, "BMP header cut short");
        }
        if (core) {
            // OS/2 BITMAPCOREHEADER: unsigned 16-bit sides.
            return checkedBmp(le16(b, 18), le16(b, 20));
        }
        // Signed 32-bit sides; a negative height marks rows stored top-down.
        return checkedBmp((int) le32(b, 18), Math.abs((long) (int) le32(b, 22)));
    }

    private static Dimensions checkedBmp(long width, long height) throws ImageDecodeException {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(DecodeFailure.UNDECODABLE, "BMP header declares " + width + "x" + height);
        }
        return new Dimensions(width, height);
    }

    private static boolean jpegEndsEarly(byte[] b) {
        int n = b.length;
        int pos = 2;
        while (true) {
            if (pos >= n) {
                return true;
            }
            if ((b[pos] & 0xFF) != 0xFF) {
                return false;
            }
            while (pos < n && (b[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= n) {
                return true;
            }
            int marker = b[pos++] & 0xFF;
            if (marker == 0xD9) {
                return false;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue;
            }
            if (pos + 2 > n) {
                return true;
            }
            int length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            if (length < 2) {
                return false;
            }
            pos += length;
            if (pos > n) {
                return true;
            }
            if (marker == 0xDA) {
                pos = endOfEntropyCodedData(b, pos);
            }
        }
    }

    /**
     * Index of the marker that ends a scan's entropy-coded data, or the array length. Inside the
     * data every 0xFF byte is stuffed (followed by 0x00) or starts a restart marker, so the first
     * other 0xFF marker ends it; an EOI found this way cannot be a thumbnail's, which lives in an
     * APP segment skipped by its length.
     */
    private static int endOfEntropyCodedData(byte[] b, int pos) {
        int n = b.length;
        while (pos + 1 < n) {
            if ((b[pos] & 0xFF) == 0xFF) {
                int next = b[pos + 1] & 0xFF;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    pos += 2;
                    continue;
                }
                if (next != 0xFF) {
                    return pos;
                }
            }
            pos++;
        }
        return n;
    }

    private static boolean pngEndsEarly(byte[] b) {
        long n = b.length;
        long pos = 8;
        while (true) {
            if (pos + 8 > n) {
                return true;
            }
            long length = be32(b, (int) pos);
            boolean iend = b[(int) pos + 4] == 'I' && b[(int) pos + 5] == 'E'
                    && b[(int) pos + 6] == 'N' && b[(int) pos + 7] == 'D';
            pos += 12 + length;
            if (pos > n) {
                return true;
            }
            if (iend) {
                return false;
            }
        }
    }

    private static boolean causedByEndOfFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int... signature) {
        if (b.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((b[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static long le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long le32(byte[] b, int at) {
        return le16(b, at) | le16(b, at + 2) << 16;
    }

    private static long be32(byte[] b, int at) {
        return (long) (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
