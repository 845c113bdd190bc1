package dermaseg.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/** The bundled sample images, and bad files made from them, for tests. */
public final class Samples {
    public static final Path ROOT = Path.of("src/samples/isic2017");
    public static final Path IMAGES = ROOT.resolve("images");
    public static final Path MASKS = ROOT.resolve("masks");

    private Samples() {
    }

    public static List<Path> images() throws IOException {
        try (Stream<Path> s = Files.list(IMAGES)) {
            return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
    }

    public static Path maskOf(Path image) {
        String id = image.getFileName().toString().replace(".jpg", "");
        return MASKS.resolve(id + "_segmentation.png");
    }

    /**
     * {@code jpeg} with a minimal EXIF APP1 segment after its start marker: a big-endian TIFF
     * header and one IFD entry, Orientation ({@code 6}: displayed turned a quarter clockwise).
     */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
        tiff.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
                .putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] payload = tiff.array();
        ByteBuffer app1 = ByteBuffer.allocate(4 + payload.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + payload.length)).put(payload);
        byte[] segment = app1.array();
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /**
     * A valid PNG header (signature and IHDR with its CRC) claiming {@code width × height} pixels,
     * followed by nothing: a decompression bomb's calling card.
     */
    public static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
