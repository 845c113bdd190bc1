package dermaseg.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
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
