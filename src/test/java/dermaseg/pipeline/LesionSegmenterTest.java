package dermaseg.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.dataset.FolderPairSource;
import dermaseg.image.Annotations;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageOps;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import dermaseg.metrics.SegmentationScores;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** The whole method with the shipped model, on the bundled real images and their masks. */
class LesionSegmenterTest {
    /**
     * Floor for the mean per-image Jaccard of the fused result on the eight samples. The shipped
     * model scores well above it (README); a broken stage, a model that failed to load its
     * weights, or a misaligned map falls far below.
     */
    private static final double JACCARD_FLOOR = 0.70;

    static LesionSegmenter segmenter;

    @BeforeAll
    static void load() throws Exception {
        OpenCv.load();
        segmenter = LesionSegmenter.builder().build();
    }

    @AfterAll
    static void close() {
        segmenter.close();
    }

    @Test
    void segmentsTheBundledSamplesAboveTheJaccardFloor() throws Exception {
        Evaluator.Report report = Evaluator.evaluate(segmenter, FolderPairSource.scan(Samples.ROOT));
        assertEquals(8, report.images().size(), "failures: " + report.failures());
        double fused = report.summaries().get(Ablation.Variant.FUSED).meanOverImages().jaccard();
        assertTrue(fused >= JACCARD_FLOOR, "mean fused Jaccard " + fused);
        for (Evaluator.ImageScores image : report.images()) {
            double j = SegmentationScores.of(image.counts().get(Ablation.Variant.FUSED)).jaccard();
            assertTrue(j > 0.3, image.id() + " fused Jaccard " + j);
        }
    }

    @Test
    void theFigureHasTitledPanelsAndTheGroundTruthPanelOnlyWhenKnown() throws Exception {
        Path image = Samples.images().get(3);
        SegmentationResult r = segmenter.segment(Files.readAllBytes(image));
        BinaryMask truth = new MaskCodec().decode(Files.readAllBytes(Samples.maskOf(image)));
        int side = 120;
        int w = r.stages().image().width();
        int h = r.stages().image().height();
        int pw = (int) Math.round(w * Math.min(1.0, (double) side / Math.max(w, h)));
        int ph = (int) Math.round(h * Math.min(1.0, (double) side / Math.max(w, h)));
        int band = Annotations.bandHeight(pw);
        try (MatHandle with = Figures.figure(r, truth, "sample", side);
                MatHandle without = Figures.figure(r, null, "sample", side)) {
            assertEquals(6 * pw + 5 * 4, with.width(), "six panels, 4 px apart");
            assertEquals(5 * pw + 4 * 4, without.width(), "no ground-truth panel without ground truth");
            assertEquals(band + band + ph + band, with.height(), "heading, title, panel, key");
            for (int panel = 0; panel < 6; panel++) {
                assertTrue(inked(with.mat(), panel * (pw + 4), pw, band, 2 * band), "title of panel " + panel);
            }
            assertTrue(inked(with.mat(), 0, with.width(), 0, band), "the heading");
        }
    }

    /** Whether the rectangle [x0, x0 + w) × [y0, y1) has a pixel that is not white. */
    private static boolean inked(Mat m, int x0, int w, int y0, int y1) {
        byte[] px = new byte[3];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x0 + w; x++) {
                m.get(y, x, px);
                if ((px[0] & px[1] & px[2] & 0xFF) != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void resultIsConsistentWithItself() throws Exception {
        Path image = Samples.images().get(3);
        SegmentationResult r = segmenter.segment(Files.readAllBytes(image));
        BinaryMask truth = new MaskCodec().decode(Files.readAllBytes(Samples.maskOf(image)));
        assertEquals(truth.width(), r.width());
        assertEquals(truth.height(), r.height());
        assertEquals(r.mask().area(), r.lesionArea());
        assertArrayEquals(r.mask().pixels(), new MaskCodec().decode(r.maskPng()).pixels());
        assertTrue(r.lesionArea() > 0);
        int[] box = r.box();
        assertTrue(box[2] > 0 && box[3] > 0 && box[0] + box[2] <= r.width() && box[1] + box[3] <= r.height());
        assertTrue(r.meanFcnProbability() > 0.5, "the FCN should believe in the lesion it found");
        assertTrue(r.otsuThreshold() > 0 && r.otsuThreshold() < 1);
        assertTrue(r.superpixelCount() > 10);
        for (Map.Entry<String, Double> t : r.timings().asMap().entrySet()) {
            assertTrue(t.getValue() >= 0, t.getKey());
        }
        assertTrue(r.timings().fcnMs() > 0 && r.timings().superpixelMs() > 0);
        assertNotNull(r.descriptors(), "a lesion was found, so it is described");
        assertTrue(r.timings().descriptorsMs() > 0);
    }

    @Test
    void everySampleGetsAnUncertaintyFromTheShippedFit() throws Exception {
        for (Path image : Samples.images()) {
            Double u = segmenter.segment(Files.readAllBytes(image)).uncertainty();
            assertNotNull(u, "the shipped card carries an uncertainty fit");
            assertTrue(u > 0 && u < 1, image + ": " + u);
        }
    }

    /**
     * A dark frame with a little sensor noise passes the decoder's blank check (its noise is above
     * two levels) but is no dermoscopy image: whatever the FCN makes of it, it is maximally uncertain.
     */
    @Test
    void aDarkNoisyFrameIsMaximallyUncertain() throws Exception {
        byte[] png;
        try (MatHandle frame = MatHandle.of(new Mat(400, 600, CvType.CV_8UC3));
                MatHandle buffer = MatHandle.of(new MatOfByte())) {
            Core.randn(frame.mat(), 20, 3);
            Imgcodecs.imencode(".png", frame.mat(), (MatOfByte) buffer.mat());
            png = ((MatOfByte) buffer.mat()).toArray();
        }
        SegmentationResult r = segmenter.segment(png);
        assertEquals(1.0, r.uncertainty(), "lesion fraction " + r.lesionFraction());
    }

    @Test
    void largeImagesAreAnalysedSmallerAndMaskedAtFullSize() throws Exception {
        Path image = Samples.images().get(5);
        byte[] big;
        try (MatHandle small = MatHandle.of(Imgcodecs.imread(image.toString()));
                MatHandle large = ImageOps.resize(small.mat(), 3000, 2000);
                MatHandle buffer = MatHandle.of(new MatOfByte())) {
            Imgcodecs.imencode(".jpg", large.mat(), (MatOfByte) buffer.mat());
            big = ((MatOfByte) buffer.mat()).toArray();
        }
        SegmentationResult r = segmenter.segment(big);
        assertEquals(3000, r.width());
        assertEquals(2000, r.height());
        assertEquals(1024, r.stages().geometry().width(), "analysed at the default longer side");
        SegmentationResult small = segmenter.segment(Files.readAllBytes(image));
        assertEquals(small.lesionFraction(), r.lesionFraction(), 0.05, "same lesion at either size");
        double scale = 3000.0 / small.width();
        assertEquals(small.descriptors().diameterPx() * scale, r.descriptors().diameterPx(),
                0.1 * small.descriptors().diameterPx() * scale, "the diameter is in the image's own pixels");
    }

    @Test
    void badBytesGetAReasonNotACrash() {
        ImageDecodeException e = assertThrows(ImageDecodeException.class,
                () -> segmenter.segment("definitely not an image".getBytes()));
        assertEquals("unsupported_format", e.reasonCode());
    }
}
