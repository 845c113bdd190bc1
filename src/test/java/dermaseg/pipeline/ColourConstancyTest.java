package dermaseg.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.image.ColourConstancy;
import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import dermaseg.image.Photometric;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

class ColourConstancyTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    @Test
    void theStepIsWrittenAndReadByName() {
        assertEquals("shades-of-gray:6", ColourConstancy.parse("shades-of-gray:6").toString());
        assertEquals(6.0, ColourConstancy.parse("shades-of-gray:6").shadesOfGrayP());
        assertEquals("shades-of-gray:2.5", ColourConstancy.parse("shades-of-gray:2.5").toString());
        assertTrue(ColourConstancy.parse(null).isNone(), "a card written before the step means none");
        assertTrue(ColourConstancy.parse("none").isNone());
        assertThrows(IllegalArgumentException.class, () -> ColourConstancy.parse("grey-world"));
        assertThrows(IllegalArgumentException.class, () -> ColourConstancy.parse("shades-of-gray:x"));
        assertThrows(IllegalArgumentException.class, () -> ColourConstancy.parse("shades-of-gray:0.5"));
    }

    /** A sample image with a warm cast (blue ×0.8, red ×1.15), PNG-encoded so nothing else changes. */
    private static byte[] warmSample() throws Exception {
        byte[] jpeg = Files.readAllBytes(Samples.images().get(0));
        try (MatHandle buffer = MatHandle.of(new MatOfByte(jpeg));
                MatHandle bgr = MatHandle.of(Imgcodecs.imdecode(buffer.mat(), Imgcodecs.IMREAD_COLOR))) {
            Photometric.channelGains(bgr.mat(), 0.8, 1.0, 1.15);
            return ImageOps.encodePng(bgr.mat());
        }
    }

    private static Path bundledCopy(String colourConstancy) throws Exception {
        Path source = Path.of("src/main/resources/dermaseg/models", ModelLocation.DEFAULT_BUNDLED);
        Path copy = Files.createDirectories(dir.resolve(colourConstancy == null ? "plain" : "sog"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        ModelCard card = ModelCard.read(copy.resolve(ModelCard.FILE_NAME));
        card.colourConstancy = colourConstancy;
        card.write(copy.resolve(ModelCard.FILE_NAME));
        return copy;
    }

    @Test
    void aCardsShadesOfGrayGreysTheImageTheStagesSeeWhileTheFcnInputBarelyMoves() throws Exception {
        byte[] warm = warmSample();
        GlobalStage.Prepared plain;
        GlobalStage.Prepared corrected;
        GlobalStage.Prepared overridden;
        try (FcnModel a = FcnModel.load(ModelLocation.folder(bundledCopy(null)), Device.cpu());
                GlobalStage stage = new GlobalStage(a, SegmenterConfig.defaults());
                GlobalStage overriding = new GlobalStage(a, SegmenterConfig.builder()
                        .colourConstancy(ColourConstancy.parse("shades-of-gray:6")).build())) {
            plain = stage.prepare(warm);
            overridden = overriding.prepare(warm);
        }
        try (FcnModel b = FcnModel.load(ModelLocation.folder(bundledCopy("shades-of-gray:6")), Device.cpu());
                GlobalStage stage = new GlobalStage(b, SegmenterConfig.defaults())) {
            corrected = stage.prepare(warm);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(corrected.image().bgr(), overridden.image().bgr(),
                "a config's step does what the card's does");
        double[] castIlluminant;
        double[] correctedIlluminant;
        try (MatHandle p = plain.image().toMat(); MatHandle c = corrected.image().toMat()) {
            castIlluminant = Photometric.shadesOfGrayIlluminant(p.mat(), 6);
            correctedIlluminant = Photometric.shadesOfGrayIlluminant(c.mat(), 6);
        }
        assertTrue(castIlluminant[2] - castIlluminant[0] > 30, "the cast shows: " + java.util.Arrays.toString(castIlluminant));
        for (int ch = 0; ch < 3; ch++) {
            double mean = (correctedIlluminant[0] + correctedIlluminant[1] + correctedIlluminant[2]) / 3;
            // Rounding to 8 bits and clipping at 255 leave the corrected illuminant within a few levels of grey.
            assertEquals(mean, correctedIlluminant[ch], 4, "channel " + ch + " of the corrected illuminant");
        }
        // The FCN standardises each channel per image, which cancels one gain per channel: with and
        // without the step its input differs only where clipping and rounding differ.
        float[] x = plain.input().chw();
        float[] y = corrected.input().chw();
        double worst = 0;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(x[i] - y[i]);
            worst = Math.max(worst, d);
            sum += d;
        }
        assertTrue(sum / x.length < 0.02, "mean change of the standardised input " + sum / x.length);
        assertTrue(worst > 0, "the step did something");
    }
}
