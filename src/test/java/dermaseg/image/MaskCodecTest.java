package dermaseg.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class MaskCodecTest {
    private static final MaskCodec CODEC = new MaskCodec();

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    private static BinaryMask randomMask(int width, int height, long seed) {
        Random r = new Random(seed);
        byte[] p = new byte[width * height];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextBoolean() ? BinaryMask.ON : 0;
        }
        return new BinaryMask(width, height, p);
    }

    @Test
    void pngRoundTripIsExact() throws Exception {
        BinaryMask mask = randomMask(37, 23, 1);
        byte[] png = MaskCodec.encodePng(mask);
        MaskCodec.Decoded back = CODEC.decodeChecked(png);
        assertEquals(37, back.mask().width());
        assertEquals(23, back.mask().height());
        assertArrayEquals(mask.pixels(), back.mask().pixels());
        assertTrue(back.strictlyBinary());
    }

    @Test
    void encodedPngIsEightBitSingleChannel() {
        byte[] png = MaskCodec.encodePng(randomMask(16, 16, 2));
        try (MatHandle buf = MatHandle.of(new MatOfByte(png));
             MatHandle raw = MatHandle.of(Imgcodecs.imdecode(buf.mat(), Imgcodecs.IMREAD_UNCHANGED))) {
            assertEquals(CvType.CV_8UC1, raw.mat().type());
        }
    }

    @Test
    void grayValuesAreThresholdedAt128() throws Exception {
        try (MatHandle g = TestImages.solid(10, 10, CvType.CV_8UC1, new Scalar(0))) {
            g.mat().put(0, 0, new byte[] {127, (byte) 128, 1, (byte) 254, (byte) 255});
            MaskCodec.Decoded d = CODEC.decodeChecked(TestImages.encode(".png", g.mat()));
            assertFalse(d.mask().isSet(0, 0));
            assertTrue(d.mask().isSet(1, 0));
            assertFalse(d.mask().isSet(2, 0));
            assertTrue(d.mask().isSet(3, 0));
            assertTrue(d.mask().isSet(4, 0));
            assertEquals(3, d.mask().area());
            assertEquals(4, d.nonBinaryPixels()); // 127, 128, 1, 254
            assertFalse(d.strictlyBinary());
        }
    }

    @Test
    void colourMaskUsesBrightestChannel() throws Exception {
        try (MatHandle c = TestImages.solid(10, 10, CvType.CV_8UC3, new Scalar(0, 0, 0))) {
            c.mat().put(0, 0, new byte[] {0, 0, (byte) 200, 0, 0, 100, (byte) 255, (byte) 255, (byte) 255});
            MaskCodec.Decoded d = CODEC.decodeChecked(TestImages.encode(".png", c.mat()));
            assertTrue(d.mask().isSet(0, 0)); // pure-ish red: luminance 60, brightest channel 200
            assertFalse(d.mask().isSet(1, 0));
            assertTrue(d.mask().isSet(2, 0));
            assertEquals(2, d.nonBinaryPixels());
        }
    }

    @Test
    void whiteAndBlackColourMaskIsStrictlyBinaryButPrimaryColourIsNot() throws Exception {
        try (MatHandle c = TestImages.solid(10, 10, CvType.CV_8UC3, new Scalar(255, 255, 255))) {
            c.mat().put(0, 0, new byte[] {0, 0, 0});
            assertTrue(CODEC.decodeChecked(TestImages.encode(".png", c.mat())).strictlyBinary());
            c.mat().put(0, 0, new byte[] {(byte) 255, 0, 0});
            assertFalse(CODEC.decodeChecked(TestImages.encode(".png", c.mat())).strictlyBinary());
        }
    }

    @Test
    void singleOffValueIsCounted() throws Exception {
        BinaryMask mask = randomMask(20, 20, 3);
        byte[] pixels = mask.pixels().clone();
        pixels[123] = (byte) 254;
        try (MatHandle g = TestImages.solid(20, 20, CvType.CV_8UC1, new Scalar(0))) {
            g.mat().put(0, 0, pixels);
            MaskCodec.Decoded d = CODEC.decodeChecked(TestImages.encode(".png", g.mat()));
            assertEquals(1, d.nonBinaryPixels());
            byte[] expected = mask.pixels().clone();
            expected[123] = BinaryMask.ON;
            assertArrayEquals(expected, d.mask().pixels());
        }
    }

    @Test
    void zeroOneMaskIsNotBinaryAndDecodesEmpty() throws Exception {
        byte[] ones = new byte[100];
        Arrays.fill(ones, 50, 100, (byte) 1);
        try (MatHandle g = TestImages.solid(10, 10, CvType.CV_8UC1, new Scalar(0))) {
            g.mat().put(0, 0, ones);
            MaskCodec.Decoded d = CODEC.decodeChecked(TestImages.encode(".png", g.mat()));
            assertEquals(50, d.nonBinaryPixels());
            assertEquals(0, d.mask().area());
        }
    }

    @Test
    void sixteenBitMaskIsJudgedOnStoredValues() throws Exception {
        try (MatHandle g = TestImages.solid(10, 10, CvType.CV_16UC1, new Scalar(0))) {
            g.mat().put(0, 0, new short[] {(short) 65535, (short) 65535});
            MaskCodec.Decoded binary = CODEC.decodeChecked(TestImages.encode(".png", g.mat()));
            assertTrue(binary.strictlyBinary());
            assertEquals(2, binary.mask().area());
            // 65534 scales to 255 but was not stored as full white
            g.mat().put(0, 2, new short[] {(short) 65534, (short) 32768, (short) 32767});
            MaskCodec.Decoded off = CODEC.decodeChecked(TestImages.encode(".png", g.mat()));
            assertEquals(3, off.nonBinaryPixels());
            assertTrue(off.mask().isSet(2, 0));
            assertTrue(off.mask().isSet(3, 0));
            assertFalse(off.mask().isSet(4, 0));
        }
    }

    @Test
    void alphaIsIgnored() throws Exception {
        try (MatHandle c = TestImages.solid(10, 10, CvType.CV_8UC4, new Scalar(255, 255, 255, 0))) {
            MaskCodec.Decoded d = CODEC.decodeChecked(TestImages.encode(".png", c.mat()));
            assertEquals(100, d.mask().area());
            assertTrue(d.strictlyBinary());
        }
    }

    @Test
    void badBytesGiveTheDecodersReasonCodes() {
        byte[] png = MaskCodec.encodePng(randomMask(30, 30, 4));
        ImageDecodeException truncated = assertThrows(ImageDecodeException.class,
                () -> CODEC.decode(Arrays.copyOf(png, png.length / 2)));
        assertEquals(DecodeFailure.TRUNCATED, truncated.failure());
        assertEquals(DecodeFailure.EMPTY,
                assertThrows(ImageDecodeException.class, () -> CODEC.decode(new byte[0])).failure());
        byte[] tiny = MaskCodec.encodePng(randomMask(3, 3, 5));
        assertEquals(DecodeFailure.TOO_SMALL,
                assertThrows(ImageDecodeException.class, () -> CODEC.decodeChecked(tiny)).failure());
        MaskCodec strict = new MaskCodec(ImageLimits.builder().maxPixels(899).build());
        assertEquals(DecodeFailure.TOO_LARGE,
                assertThrows(ImageDecodeException.class, () -> strict.decode(png)).failure());
    }
}
