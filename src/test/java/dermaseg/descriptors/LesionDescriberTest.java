package dermaseg.descriptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import dermaseg.superpixel.LabImage;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Synthetic lesions whose descriptors are known: drawn with OpenCV, mask and image from one shape. */
class LesionDescriberTest {
    // BGR of the sRGB examples in DermoscopicColour's table, and a skin tone.
    private static final Scalar SKIN = new Scalar(150, 170, 220);
    private static final Scalar DARK_BROWN = new Scalar(40, 60, 110);
    private static final Scalar BLUE_GREY = new Scalar(150, 125, 110);
    private static final Scalar WHITE = new Scalar(215, 220, 225);
    private static final Scalar WHITE_MASK = new Scalar(255);

    private static final LesionDescriber DESCRIBER = new LesionDescriber(DescriptorConfig.defaults());

    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    /** A lesion drawn by {@code draw} (given the Mat and the colour to draw with), as mask and image. */
    private record Lesion(BinaryMask mask, MatHandle image) implements AutoCloseable {
        static Lesion drawn(int width, int height, Scalar colour, Consumer<Drawing> draw) {
            MatHandle image = MatHandle.of(new Mat(height, width, CvType.CV_8UC3, SKIN));
            try (MatHandle mask = MatHandle.of(Mat.zeros(height, width, CvType.CV_8UC1))) {
                draw.accept(new Drawing(mask.mat(), WHITE_MASK));
                draw.accept(new Drawing(image.mat(), colour));
                return new Lesion(BinaryMask.fromMat(mask.mat()), image);
            }
        }

        @Override
        public void close() {
            image.close();
        }
    }

    private record Drawing(Mat on, Scalar colour) {
    }

    private static Consumer<Drawing> disc(int cx, int cy, int radius) {
        return d -> Imgproc.circle(d.on(), new Point(cx, cy), radius, d.colour(), -1, Imgproc.LINE_8);
    }

    private static LesionDescriptors describe(Lesion lesion) {
        LesionDescriptors d = DESCRIBER.describe(lesion.mask(), lesion.mask().boundingBox(), lesion.image().mat());
        assertNotNull(d);
        return d;
    }

    @Test
    void aUniformDiscIsSymmetricCompactSharpAndOneColour() {
        try (Lesion disc = Lesion.drawn(200, 200, DARK_BROWN, disc(100, 100, 60))) {
            LesionDescriptors d = describe(disc);
            assertEquals(0, d.asymmetry().score(), d.asymmetry().toString());
            assertTrue(d.asymmetry().shape1() < 0.03 && d.asymmetry().shape2() < 0.03, d.asymmetry().toString());
            assertTrue(d.asymmetry().colour1() < 1 && d.asymmetry().colour2() < 1, d.asymmetry().toString());
            assertEquals(1, d.border().compactness(), 0.03, "a disc");
            assertEquals(8, d.border().score(), d.border().toString());
            assertEquals(List.of(DermoscopicColour.DARK_BROWN), d.colours().present());
            assertEquals(1, d.colours().score());
            assertEquals(1.3 * 0 + 0.1 * 8 + 0.5 * 1, d.tdsWithoutStructures(), 1e-12);
        }
    }

    /**
     * A half-disc is symmetric about the axis across its cut and asymmetric about the one along
     * it: reflected across a line through its centroid (4r / 3π from the cut), 18.5% of it has
     * no counterpart (by integration; 1 − 4 ∫ from 4/3π to 8/3π of √(1 − y²) dy / π).
     */
    @Test
    void aHalfDiscIsAsymmetricAboutOneAxis() {
        try (Lesion half = Lesion.drawn(240, 200, DARK_BROWN, d -> Imgproc.ellipse(d.on(), new Point(120, 140),
                new Size(80, 80), 0, 180, 360, d.colour(), -1, Imgproc.LINE_8))) {
            Asymmetry a = describe(half).asymmetry();
            assertEquals(1, a.score(), a.toString());
            assertEquals(90, a.axisDegrees(), 0, "axis 1 across the cut: " + a);
            assertTrue(a.shape1() < 0.03, a.toString());
            assertEquals(0.185, a.shape2(), 0.02, a.toString());
        }
    }

    @Test
    void aDiscOfTwoColoursIsAsymmetricInColourAboutOneAxisAndHasBoth() {
        Consumer<Drawing> leftBlueRightBrown = d -> {
            Imgproc.circle(d.on(), new Point(100, 100), 60, d.colour(), -1, Imgproc.LINE_8);
            if (d.on().channels() == 3) {
                Imgproc.ellipse(d.on(), new Point(100, 100), new Size(60, 60), 0, 90, 270, BLUE_GREY, -1,
                        Imgproc.LINE_8);
            }
        };
        try (Lesion twoColours = Lesion.drawn(200, 200, DARK_BROWN, leftBlueRightBrown)) {
            LesionDescriptors d = describe(twoColours);
            Asymmetry a = d.asymmetry();
            assertEquals(1, a.score(), a.toString());
            assertTrue(a.shape1() < 0.03 && a.shape2() < 0.03, "the shape is a disc: " + a);
            assertEquals(0, a.axisDegrees(), 0, "the halves above and below the horizontal axis match: " + a);
            assertTrue(a.colour1() < 2, a.toString());
            // The halves' colours are ΔE 47 apart (DermoscopicColour's table), less the pixels drawn over twice.
            assertEquals(47, a.colour2(), 3, a.toString());
            assertEquals(List.of(DermoscopicColour.DARK_BROWN, DermoscopicColour.BLUE_GREY), d.colours().present());
            assertEquals(0.5, d.colours().fractions().get(DermoscopicColour.BLUE_GREY.ordinal()), 0.03);
            assertEquals(1.3 * 1 + 0.1 * d.border().score() + 0.5 * 2, d.tdsWithoutStructures(), 1e-12);
        }
    }

    /**
     * A five-pointed star (outer radius R = 80, inner r = 32): area 5·R·r·sin 36°, perimeter
     * 10·√(R² + r² − 2Rr·cos 36°), so compactness 0.288.
     */
    @Test
    void aStarShapedBorderIsNotCompact() {
        Point[] star = new Point[10];
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? 80 : 32;
            double angle = Math.PI / 2 + i * Math.PI / 5;
            star[i] = new Point(120 + radius * Math.cos(angle), 120 - radius * Math.sin(angle));
        }
        double area = 5 * 80 * 32 * Math.sin(Math.PI / 5);
        double perimeter = 10 * Math.sqrt(80 * 80 + 32 * 32 - 2 * 80 * 32 * Math.cos(Math.PI / 5));
        double expected = 4 * Math.PI * area / (perimeter * perimeter);
        try (MatHandle polygon = MatHandle.of(new MatOfPoint(star));
                Lesion lesion = Lesion.drawn(240, 240, DARK_BROWN,
                        d -> Imgproc.fillPoly(d.on(), List.of((MatOfPoint) polygon.mat()), d.colour(), Imgproc.LINE_8))) {
            assertEquals(expected, describe(lesion).border().compactness(), 0.03);
        }
    }

    @Test
    void aBlurredBorderIsNotAbrupt() {
        try (Lesion sharp = Lesion.drawn(200, 200, DARK_BROWN, disc(100, 100, 60));
                Lesion blurred = Lesion.drawn(200, 200, DARK_BROWN, disc(100, 100, 60))) {
            Imgproc.GaussianBlur(blurred.image().mat(), blurred.image().mat(), new Size(0, 0), 8);
            Border s = describe(sharp).border();
            Border b = describe(blurred).border();
            assertEquals(8, s.score(), s.toString());
            assertEquals(0, b.score(), b.toString());
            for (int k = 0; k < Border.SEGMENTS; k++) {
                assertTrue(s.abruptness().get(k) > 0.8, s.toString());
                assertTrue(b.abruptness().get(k) < 0.35, b.toString());
            }
        }
    }

    @Test
    void aBorderOnSkinOfTheSameColourHasNothingToCutOff() {
        try (Lesion invisible = Lesion.drawn(200, 200, SKIN, disc(100, 100, 60))) {
            Border b = describe(invisible).border();
            assertEquals(0, b.score());
            b.abruptness().forEach(a -> assertEquals(0.0, a));
        }
    }

    @Test
    void aLesionRunningOffTheImageLeavesItsOuterSegmentsUnmeasured() {
        try (Lesion cut = Lesion.drawn(200, 200, DARK_BROWN, disc(100, 195, 60))) {
            Border b = describe(cut).border();
            // Segments 6 and 7 (225° to 315°, the bottom) have no skin below the image's edge.
            assertNull(b.abruptness().get(5));
            assertNull(b.abruptness().get(6));
            assertNotNull(b.abruptness().get(1), "the top is measured");
        }
    }

    @Test
    void theDiameterIsInPixelsAndInMillimetresWhenTheSpacingIsKnown() {
        try (Lesion disc = Lesion.drawn(300, 200, DARK_BROWN, disc(150, 100, 40))) {
            LesionDescriptors unknown = describe(disc);
            assertEquals(81, unknown.diameterPx(), 1.5, "a digital disc of radius 40 spans 81 pixels");
            assertNull(unknown.diameterMm());
            assertNull(unknown.pixelSpacingMm());
            LesionDescriptors known = new LesionDescriber(DescriptorConfig.builder().pixelSpacingMm(0.02).build())
                    .describe(disc.mask(), disc.mask().boundingBox(), disc.image().mat());
            assertEquals(unknown.diameterPx(), known.diameterPx(), 0);
            assertEquals(known.diameterPx() * 0.02, known.diameterMm(), 1e-12);
            assertEquals(0.02, known.pixelSpacingMm());
        }
    }

    @Test
    void theGreatestDiameterOfAnEllipseIsItsMajorAxisAtAnyAngle() {
        try (Lesion ellipse = Lesion.drawn(300, 300, DARK_BROWN, d -> Imgproc.ellipse(d.on(), new Point(150, 150),
                new Size(100, 40), 30, 0, 360, d.colour(), -1, Imgproc.LINE_8))) {
            assertEquals(201, describe(ellipse).diameterPx(), 2);
        }
    }

    /**
     * A 2400 × 1600 mask with the image at a quarter of that: the grid (at most 256 a side) covers
     * about 4 original pixels per grid pixel, and lengths come back in original pixels.
     */
    @Test
    void aLargeImageIsMeasuredOnTheBoundedGridInOriginalPixels() {
        try (Lesion large = Lesion.drawn(2400, 1600, DARK_BROWN, disc(1200, 800, 400));
                MatHandle analysis = MatHandle.filled(m -> Imgproc.resize(large.image().mat(), m, new Size(600, 400), 0,
                        0, Imgproc.INTER_AREA))) {
            LesionGrid g = LesionGrid.of(large.mask(), large.mask().boundingBox(), analysis.mat(), 256);
            assertTrue(g.width <= 256 && g.height <= 256, g.width + "x" + g.height);
            LesionDescriptors d = DESCRIBER.describe(large.mask(), large.mask().boundingBox(), analysis.mat());
            assertEquals(801, d.diameterPx(), 8);
            assertEquals(1, d.border().compactness(), 0.03);
            assertEquals(0, d.asymmetry().score());
        }
    }

    @Test
    void noLesionHasNoDescriptors() {
        try (MatHandle image = MatHandle.of(new Mat(50, 50, CvType.CV_8UC3, SKIN))) {
            assertNull(DESCRIBER.describe(BinaryMask.empty(50, 50), new int[4], image.mat()));
        }
        try (Lesion speck = Lesion.drawn(100, 100, DARK_BROWN, disc(50, 50, 1))) {
            assertNull(DESCRIBER.describe(speck.mask(), speck.mask().boundingBox(), speck.image().mat()),
                    "too few pixels to describe");
        }
    }

    @Test
    void theColourTablesExamplesFallInTheirClasses() {
        Object[][] examples = {
            {new Scalar(30, 30, 40), DermoscopicColour.BLACK},
            {WHITE, DermoscopicColour.WHITE},
            {BLUE_GREY, DermoscopicColour.BLUE_GREY},
            {new Scalar(70, 60, 190), DermoscopicColour.RED},
            {DARK_BROWN, DermoscopicColour.DARK_BROWN},
            {new Scalar(110, 150, 200), DermoscopicColour.LIGHT_BROWN},
        };
        for (Object[] e : examples) {
            try (MatHandle pixel = MatHandle.of(new Mat(1, 1, CvType.CV_8UC3, (Scalar) e[0]))) {
                LabImage lab = LabImage.fromBgr(pixel.mat());
                assertEquals(e[1], DermoscopicColour.of(lab.l()[0], lab.a()[0], lab.b()[0]), e[0].toString());
            }
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DescriptorConfig.builder().pixelSpacingMm(0.0).build());
        assertThrows(IllegalArgumentException.class,
                () -> DescriptorConfig.builder().pixelSpacingMm(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> DescriptorConfig.builder().gridMaxSide(8).build());
    }
}
