package dermaseg.image;

import static dermaseg.image.TestImages.bgrAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.testing.Samples;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class ImageDecoderTest {
    private static final ImageDecoder DECODER = new ImageDecoder();

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    private static DecodeFailure failureOf(ImageDecoder decoder, byte[] bytes) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bytes).close());
        assertTrue(e.getMessage().startsWith(e.reasonCode() + ": "), e.getMessage());
        return e.failure();
    }

    private static DecodeFailure failureOf(byte[] bytes) {
        return failureOf(DECODER, bytes);
    }

    // ---- reason codes ----

    @Test
    void reasonCodesAreStable() {
        assertEquals(List.of("empty", "unsupported_format", "too_large", "too_small", "truncated", "undecodable",
                "blank"),
                Arrays.stream(DecodeFailure.values()).map(DecodeFailure::code).toList());
    }

    @Test
    void emptyArrayIsEmpty() {
        assertEquals(DecodeFailure.EMPTY, failureOf(new byte[0]));
    }

    @Test
    void randomBytesAreUnsupported() {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        assertEquals(DecodeFailure.UNSUPPORTED_FORMAT, failureOf(junk));
    }

    @Test
    void textIsUnsupported() {
        byte[] text = "id,label\nISIC_0000000,melanoma\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(DecodeFailure.UNSUPPORTED_FORMAT, failureOf(text));
    }

    @Test
    void gifAndBigTiffAreUnsupported() {
        assertEquals(DecodeFailure.UNSUPPORTED_FORMAT, failureOf("GIF89a\u0010\0\u0010\0".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(DecodeFailure.UNSUPPORTED_FORMAT, failureOf(new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void truncatedJpegIsTruncatedThoughOpenCvAloneAcceptsIt() {
        byte[] jpeg = TestImages.noiseEncoded(".jpg", 80, 60);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        // The reason for the end-of-image check: libjpeg fills the missing rows with grey and succeeds.
        try (MatHandle buf = MatHandle.of(new MatOfByte(cut));
             MatHandle raw = MatHandle.of(Imgcodecs.imdecode(buf.mat(), Imgcodecs.IMREAD_UNCHANGED))) {
            assertFalse(raw.mat().empty());
        }
        assertEquals(DecodeFailure.TRUNCATED, failureOf(cut));
        assertEquals(DecodeFailure.TRUNCATED, failureOf(Arrays.copyOf(jpeg, jpeg.length - 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline", "progressive", "restart markers"})
    void jpegStructureWalkHandlesEncoderVariants(String variant) throws Exception {
        int[] params = switch (variant) {
            case "progressive" -> new int[] {Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1};
            case "restart markers" -> new int[] {Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 2};
            default -> new int[0];
        };
        byte[] jpeg;
        try (MatHandle noise = TestImages.noise(80, 60, 9)) {
            jpeg = TestImages.encode(".jpg", noise.mat(), params);
        }
        try (MatHandle m = DECODER.decode(jpeg)) {
            assertEquals(80, m.width());
        }
        for (double keep : new double[] {0.3, 0.7, 0.95}) {
            assertEquals(DecodeFailure.TRUNCATED, failureOf(Arrays.copyOf(jpeg, (int) (jpeg.length * keep))),
                    variant + " cut to " + keep);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".png", ".bmp", ".tiff"})
    void truncatedLosslessFormatsAreTruncated(String ext) {
        byte[] full = TestImages.noiseEncoded(ext, 80, 60);
        assertEquals(DecodeFailure.TRUNCATED, failureOf(Arrays.copyOf(full, full.length * 3 / 4)));
    }

    @Test
    void pngWithoutIendIsTruncated() {
        byte[] png = TestImages.noiseEncoded(".png", 20, 20);
        assertEquals(DecodeFailure.TRUNCATED, failureOf(Arrays.copyOf(png, png.length - 12)));
    }

    @Test
    void jpegWithTrailingBytesAfterEndOfImageDecodes() throws Exception {
        byte[] jpeg = TestImages.noiseEncoded(".jpg", 40, 30);
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100);
        Arrays.fill(padded, jpeg.length, padded.length, (byte) 0x5A);
        try (MatHandle m = DECODER.decode(padded)) {
            assertEquals(40, m.width());
        }
    }

    @Test
    void jpegWithExifThumbnailButCutImageIsTruncated() throws Exception {
        // An APP1 segment holding a complete miniature JPEG, EOI included; the main image is cut.
        byte[] thumb = TestImages.noiseEncoded(".jpg", 8, 8);
        byte[] main = TestImages.noiseEncoded(".jpg", 80, 60);
        byte[] withApp = insertAfterSoi(main, app1(thumb));
        try (MatHandle ok = DECODER.decode(withApp)) {
            assertEquals(80, ok.width());
        }
        assertEquals(DecodeFailure.TRUNCATED, failureOf(Arrays.copyOf(withApp, withApp.length - 500)));
    }

    @ParameterizedTest
    @ValueSource(strings = {".png", ".jpg", ".bmp", ".tiff"})
    void headerClaiming50000SquaredIsRefusedBeforeDecoding(String ext) {
        byte[] small = TestImages.noiseEncoded(ext, 80, 60);
        byte[] bomb = switch (ext) {
            case ".png" -> TestImages.withPngSize(small, 50_000, 50_000);
            case ".jpg" -> TestImages.withJpegSize(small, 50_000, 50_000);
            case ".bmp" -> TestImages.withBmpSize(small, 50_000, 50_000);
            default -> TestImages.withTiffSize(small, 50_000, 50_000);
        };
        // 2.5 gigapixels would be 7.5 GB as BGR: a refusal in milliseconds means nothing was allocated.
        ImageDecodeException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(ImageDecodeException.class, () -> DECODER.decode(bomb).close()));
        assertEquals(DecodeFailure.TOO_LARGE, e.failure());
        assertTrue(e.getMessage().contains("50000x50000"), e.getMessage());
    }

    @Test
    void pixelLimitIsOursNotOpenCvs() throws Exception {
        byte[] png = TestImages.encodeSolid(".png", 40, 40, CvType.CV_8UC3, new Scalar(1, 2, 3));
        ImageDecoder strict = new ImageDecoder(ImageLimits.builder().maxPixels(1599).build());
        assertEquals(DecodeFailure.TOO_LARGE, failureOf(strict, png));
        ImageDecoder exact = new ImageDecoder(ImageLimits.builder().maxPixels(1600).build());
        exact.decode(png).close();
    }

    @Test
    void byteLimitIsChecked() {
        byte[] png = TestImages.encodeSolid(".png", 40, 40, CvType.CV_8UC3, new Scalar(1, 2, 3));
        ImageDecoder strict = new ImageDecoder(ImageLimits.builder().maxBytes(png.length - 1).build());
        assertEquals(DecodeFailure.TOO_LARGE, failureOf(strict, png));
    }

    @Test
    void openCvExceptionIsWrappedWhenOurLimitIsAboveItsOwn() {
        // OpenCV asserts at 2^30 pixels and throws CvException out of imdecode.
        byte[] bomb = TestImages.withPngSize(TestImages.noiseEncoded(".png", 80, 60), 50_000, 50_000);
        ImageDecoder lax = new ImageDecoder(ImageLimits.builder().maxPixels(10_000_000_000L).build());
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> lax.decode(bomb).close());
        assertEquals(DecodeFailure.UNDECODABLE, e.failure());
        assertTrue(e.getCause() instanceof org.opencv.core.CvException, String.valueOf(e.getCause()));
    }

    @Test
    void floatTiffIsUnsupported() {
        byte[] tiff = TestImages.encodeSolid(".tiff", 16, 16, CvType.CV_32FC1, new Scalar(0.5));
        assertEquals(DecodeFailure.UNSUPPORTED_FORMAT, failureOf(tiff));
    }

    @Test
    void tinyImageIsTooSmall() throws Exception {
        assertEquals(DecodeFailure.TOO_SMALL,
                failureOf(TestImages.encodeSolid(".png", 2, 2, CvType.CV_8UC3, new Scalar(0))));
        assertEquals(DecodeFailure.TOO_SMALL,
                failureOf(TestImages.encodeSolid(".png", 100, 7, CvType.CV_8UC3, new Scalar(0))));
        DECODER.decode(TestImages.encodeSolid(".png", 8, 8, CvType.CV_8UC3, new Scalar(0))).close();
    }

    @Test
    void pngWithCorruptPixelDataIsUndecodable() {
        byte[] png = TestImages.noiseEncoded(".png", 80, 60);
        byte[] corrupt = png.clone();
        // Flip bytes inside the first IDAT chunk's data: chunk lengths and IEND intact, CRC and
        // deflate stream broken.
        int idat = indexOf(png, "IDAT".getBytes(StandardCharsets.US_ASCII));
        int length = ByteBuffer.wrap(png).getInt(idat - 4);
        for (int i = idat + 4 + 10; i < idat + 4 + length; i++) {
            corrupt[i] ^= 0x5A;
        }
        assertEquals(DecodeFailure.UNDECODABLE, failureOf(corrupt));
    }

    @Test
    void jpegWithCorruptHeaderIsUndecodable() {
        byte[] jpeg = TestImages.noiseEncoded(".jpg", 80, 60);
        byte[] corrupt = jpeg.clone();
        for (int i = 2; i + 9 < corrupt.length; i++) {
            if ((corrupt[i] & 0xFF) == 0xFF && (corrupt[i + 1] & 0xFF) == 0xC0) {
                corrupt[i + 9] = 0; // zero colour components
                break;
            }
        }
        assertEquals(DecodeFailure.UNDECODABLE, failureOf(corrupt));
    }

    @Test
    void bmpWithNonsenseHeaderIsUndecodable() {
        byte[] bmp = TestImages.noiseEncoded(".bmp", 80, 60);
        assertEquals(DecodeFailure.UNDECODABLE, failureOf(TestImages.withBmpSize(bmp, -80, 60)));
    }

    @Test
    void textThatStartsWithBmIsUnsupported() {
        byte[] text = "BM is not a bitmap, just a line of text that happens to start that way."
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(DecodeFailure.UNSUPPORTED_FORMAT, failureOf(text));
    }

    // ---- normalisation ----

    private static Mat expectBgr(MatHandle m, int width, int height) {
        assertEquals(CvType.CV_8UC3, m.mat().type(), CvType.typeToString(m.mat().type()));
        assertEquals(width, m.width());
        assertEquals(height, m.height());
        return m.mat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff", "jpeg"})
    void imageIoWrittenColourDecodesAsBgr(String format) throws Exception {
        // Written by javax.imageio in RGB terms, so a channel swap in our path cannot cancel out.
        BufferedImage img = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 30, 10));
        g.fillRect(0, 0, 15, 20);
        g.setColor(new Color(20, 40, 220));
        g.fillRect(15, 0, 15, 20);
        g.dispose();
        try (MatHandle m = DECODER.decode(TestImages.imageIo(img, format))) {
            Mat bgr = expectBgr(m, 30, 20);
            int tol = format.equals("jpeg") ? 12 : 0;
            assertNear(new int[] {10, 30, 200}, bgrAt(bgr, 3, 10), tol);
            assertNear(new int[] {220, 40, 20}, bgrAt(bgr, 26, 10), tol);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".png", ".bmp", ".tiff", ".jpg"})
    void grayscaleBecomesThreeEqualChannels(String ext) throws Exception {
        byte[] bytes = TestImages.encodeSolid(ext, 24, 16, CvType.CV_8UC1, new Scalar(77));
        try (MatHandle m = DECODER.decode(bytes)) {
            int[] px = bgrAt(expectBgr(m, 24, 16), 5, 5);
            assertEquals(px[0], px[1]);
            assertEquals(px[1], px[2]);
            assertEquals(77, px[0], ext.equals(".jpg") ? 2 : 0);
        }
    }

    @Test
    void rgbaPngDropsAlphaAndKeepsStoredColour() throws Exception {
        try (MatHandle rgba = TestImages.solid(12, 10, CvType.CV_8UC4, new Scalar(10, 20, 30, 255))) {
            try (MatHandle top = MatHandle.of(rgba.mat().submat(0, 5, 0, 12))) {
                top.mat().setTo(new Scalar(40, 50, 60, 0)); // fully transparent half
            }
            try (MatHandle m = DECODER.decode(TestImages.encode(".png", rgba.mat()))) {
                Mat bgr = expectBgr(m, 12, 10);
                assertArrayEquals(new int[] {40, 50, 60}, bgrAt(bgr, 3, 2));
                assertArrayEquals(new int[] {10, 20, 30}, bgrAt(bgr, 3, 8));
            }
        }
    }

    @Test
    void grayAlphaPngBecomesBgr() throws Exception {
        try (MatHandle m = DECODER.decode(TestImages.imageIo(grayAlpha(10, 10, 77, 128), "png"))) {
            assertArrayEquals(new int[] {77, 77, 77}, bgrAt(expectBgr(m, 10, 10), 4, 4));
        }
    }

    @Test
    void sixteenBitGrayPngIsScaledNotTruncated() throws Exception {
        try (MatHandle g16 = TestImages.solid(10, 10, CvType.CV_16UC1, new Scalar(65535))) {
            g16.mat().put(0, 0, new short[] {(short) 32896, 0, (short) 257, (short) 300, (short) 65280});
            try (MatHandle m = DECODER.decode(TestImages.encode(".png", g16.mat()))) {
                Mat bgr = expectBgr(m, 10, 10);
                assertArrayEquals(new int[] {128, 128, 128}, bgrAt(bgr, 0, 0));
                assertArrayEquals(new int[] {0, 0, 0}, bgrAt(bgr, 1, 0));
                assertArrayEquals(new int[] {1, 1, 1}, bgrAt(bgr, 2, 0));
                // truncation to the low byte would give 44, a shift by 8 bits 1
                assertArrayEquals(new int[] {1, 1, 1}, bgrAt(bgr, 3, 0));
                // 65280 / 257 = 254 exactly; dividing by 256 or shifting would give 255
                assertArrayEquals(new int[] {254, 254, 254}, bgrAt(bgr, 4, 0));
                assertArrayEquals(new int[] {255, 255, 255}, bgrAt(bgr, 9, 9));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".png", ".tiff"})
    void sixteenBitColourIsScaled(String ext) throws Exception {
        byte[] bytes = TestImages.encodeSolid(ext, 10, 10, CvType.CV_16UC3, new Scalar(0, 32896, 65535));
        try (MatHandle m = DECODER.decode(bytes)) {
            assertArrayEquals(new int[] {0, 128, 255}, bgrAt(expectBgr(m, 10, 10), 5, 5));
        }
    }

    @Test
    void onlyFirstPageOfMultiPageTiff() throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(filled(30, 20, new Color(200, 10, 20)), null, null), null);
            writer.writeToSequence(new IIOImage(filled(50, 40, new Color(0, 250, 0)), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        try (MatHandle m = DECODER.decode(out.toByteArray())) {
            assertArrayEquals(new int[] {20, 10, 200}, bgrAt(expectBgr(m, 30, 20), 10, 10));
        }
    }

    @Test
    void palettePngBecomesBgr() throws Exception {
        byte[] r = {0, (byte) 255};
        byte[] g = {0, (byte) 128};
        byte[] b = {0, 0};
        BufferedImage pal = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(1, 2, r, g, b));
        pal.getRaster().setSample(3, 4, 0, 1);
        try (MatHandle m = DECODER.decode(TestImages.imageIo(pal, "png"))) {
            Mat bgr = expectBgr(m, 10, 10);
            assertArrayEquals(new int[] {0, 128, 255}, bgrAt(bgr, 3, 4));
            assertArrayEquals(new int[] {0, 0, 0}, bgrAt(bgr, 0, 0));
        }
    }

    @Test
    void exifOrientationIsAppliedAsViewersShowTheImage() throws Exception {
        // 40x20, left half red, right half blue; orientation 6: displayed turned a quarter clockwise,
        // so 20 wide and 40 high, the red half on top.
        byte[] jpeg;
        try (MatHandle m = MatHandle.of(new Mat(20, 40, CvType.CV_8UC3, new Scalar(255, 0, 0)))) {
            Imgproc.rectangle(m.mat(), new Point(0, 0), new Point(19, 19), new Scalar(0, 0, 255), -1);
            jpeg = TestImages.encode(".jpg", m.mat());
        }
        try (MatHandle m = DECODER.decode(Samples.withExifOrientation(jpeg, 6))) {
            Mat bgr = expectBgr(m, 20, 40);
            assertNear(new int[] {0, 0, 255}, bgrAt(bgr, 10, 5), 40);
            assertNear(new int[] {255, 0, 0}, bgrAt(bgr, 10, 35), 40);
        }
        try (MatHandle m = DECODER.decode(Samples.withExifOrientation(jpeg, 1))) {
            expectBgr(m, 40, 20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".png", ".jpg", ".tiff"})
    void decodesConcurrently(String ext) throws Exception {
        byte[] encoded = TestImages.noiseEncoded(ext, 64, 48);
        byte[] expected;
        try (MatHandle m = DECODER.decode(encoded)) {
            expected = TestImages.bytes(m.mat());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    try (MatHandle m = DECODER.decode(encoded)) {
                        return TestImages.bytes(m.mat());
                    }
                }));
            }
            for (Future<byte[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    private static void assertNear(int[] expected, int[] actual, int tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
                    "expected " + Arrays.toString(expected) + " got " + Arrays.toString(actual));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }

    private static BufferedImage filled(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    private static byte[] app1(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        b.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + payload.length)).put(payload);
        return b.array();
    }

    /** Gray plus alpha, a colour model that BufferedImage's constants do not cover. */
    private static BufferedImage grayAlpha(int w, int h, int gray, int alpha) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, gray);
                r.setSample(x, y, 1, alpha);
            }
        }
        return new BufferedImage(cm, r, false, null);
    }
}
