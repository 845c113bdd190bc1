package dermaseg.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecoder;
import dermaseg.image.ImageLimits;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.testing.Samples;
import dermaseg.testing.TestPairs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation and stored form of single pairs, one test per outcome; no Spark. */
class PairPreparerTest {
    static byte[] image;
    static byte[] mask;
    static int width;
    static int height;
    final PairPreparer preparer = new PairPreparer(64, ImageLimits.defaults());

    @BeforeAll
    static void readSample() throws Exception {
        Path sample = Samples.images().get(0);
        image = Files.readAllBytes(sample);
        mask = Files.readAllBytes(Samples.maskOf(sample));
        int[] size = TestPairs.size(image);
        width = size[0];
        height = size[1];
    }

    private static List<SourceFile> one(String uri, byte[] bytes) {
        return List.of(SourceFile.read(uri, bytes));
    }

    private PairOutcome.Rejected rejected(List<SourceFile> images, List<SourceFile> masks, String reason) {
        PairOutcome outcome = preparer.prepare(images, masks);
        PairOutcome.Rejected r = assertInstanceOf(PairOutcome.Rejected.class, outcome, "expected " + reason);
        assertEquals(reason, r.reason(), r.detail());
        return r;
    }

    @Test
    void acceptedPairIsShrunkToTheLongerSideAndMeasuredOnTheStoredMask() throws Exception {
        PairOutcome.Accepted a = assertInstanceOf(PairOutcome.Accepted.class,
                preparer.prepare(one("i.jpg", image), one("m.png", mask)));
        StoredPair p = a.pair();
        assertEquals(64, Math.max(p.width(), p.height()));
        assertEquals((double) width / height, (double) p.width() / p.height(), 0.02);
        assertEquals(width, p.originalWidth());
        assertEquals(height, p.originalHeight());
        try (MatHandle stored = new ImageDecoder().decode(p.imagePng())) {
            assertEquals(p.width(), stored.width());
            assertEquals(p.height(), stored.height());
        }
        MaskCodec.Decoded m = new MaskCodec().decodeChecked(p.maskPng());
        assertTrue(m.strictlyBinary());
        assertEquals(p.width(), m.mask().width());
        assertEquals(p.lesionArea(), m.mask().area());
        assertEquals((double) p.lesionArea() / (p.width() * p.height()), p.lesionFraction(), 1e-12);

        BinaryMask original = new MaskCodec().decode(mask);
        double[] c = centroid(original);
        double scale = (double) p.width() / width;
        // The centroid of the shrunk mask is the original's, scaled (pixel centres map as (x + 0.5)·s − 0.5).
        assertEquals((c[0] + 0.5) * scale - 0.5, p.centroidX(), 0.5);
        assertEquals((c[1] + 0.5) * scale - 0.5, p.centroidY(), 0.5);
        assertEquals("i.jpg", a.imageUri());
        assertEquals(0, a.mergedCopies());
    }

    @Test
    void smallImagesAreNeverEnlarged() {
        PairOutcome.Accepted a = assertInstanceOf(PairOutcome.Accepted.class,
                new PairPreparer(1024, ImageLimits.defaults()).prepare(one("i.jpg", image), one("m.png", mask)));
        assertEquals(width, a.pair().width());
        assertEquals(height, a.pair().height());
    }

    @Test
    void identicalCopiesAreMergedNotRefused() {
        PairOutcome outcome = preparer.prepare(
                List.of(SourceFile.read("a/i.jpg", image), SourceFile.read("b/i.jpg", image.clone())),
                one("m.png", mask));
        PairOutcome.Accepted a = assertInstanceOf(PairOutcome.Accepted.class, outcome);
        assertEquals(1, a.mergedCopies());
        assertEquals("a/i.jpg", a.imageUri());
    }

    @Test
    void missingSides() {
        PairOutcome.Rejected noImage = rejected(List.of(), one("m.png", mask), "missing_image");
        assertNull(noImage.imageUri());
        assertEquals("m.png", noImage.maskUri());
        PairOutcome.Rejected noMask = rejected(one("i.jpg", image), List.of(), "missing_mask");
        assertNull(noMask.maskUri());
    }

    @Test
    void twoDifferentImagesWithOneIdAreADuplicate() {
        PairOutcome.Rejected r = rejected(
                List.of(SourceFile.read("a/i.jpg", image), SourceFile.read("b/i.png", TestPairs.flipped(image, 1))),
                one("m.png", mask), "duplicate_id");
        assertTrue(r.detail().contains("a/i.jpg") && r.detail().contains("b/i.png"), r.detail());
        rejected(one("i.jpg", image), List.of(SourceFile.read("m1.png", mask),
                SourceFile.read("m2.png", TestPairs.flipped(mask, 0))), "duplicate_id");
    }

    @Test
    void undecodableFilesGiveTheDecodersReasonAndSayWhichSide() {
        rejected(one("i.jpg", Arrays.copyOf(image, image.length / 2)), one("m.png", mask), "truncated");
        PairOutcome.Rejected emptyMask = rejected(one("i.jpg", image), one("m.png", new byte[0]), "empty");
        assertTrue(emptyMask.detail().startsWith("mask:"), emptyMask.detail());
        PairOutcome.Rejected huge = rejected(List.of(SourceFile.unread("i.jpg", 1L << 40)), one("m.png", mask),
                "too_large");
        assertTrue(huge.detail().startsWith("image:"), huge.detail());
    }

    @Test
    void maskProblems() {
        rejected(one("i.jpg", image), one("m.png", TestPairs.resizedMask(mask, width - 10, height)), "size_mismatch");
        PairOutcome.Rejected grey = rejected(one("i.jpg", image), one("m.png", TestPairs.withGreyCorner(mask, 3)),
                "mask_not_binary");
        assertTrue(grey.detail().startsWith("9 of "), grey.detail());
        rejected(one("i.jpg", image), one("m.png", TestPairs.blankMask(width, height)), "empty_mask");
    }

    @Test
    void contentHashFollowsBytesNotNamesOrCopies() {
        String base = ContentHash.of(one("a/i.jpg", image), one("m.png", mask));
        assertEquals(base, ContentHash.of(one("elsewhere/i.jpg", image), one("x.png", mask)));
        assertEquals(base, ContentHash.of(List.of(SourceFile.read("a", image), SourceFile.read("b", image)),
                one("m.png", mask)));
        byte[] edited = mask.clone();
        edited[edited.length - 1] ^= 1;
        assertNotEquals(base, ContentHash.of(one("a/i.jpg", image), one("m.png", edited)));
        assertNotEquals(base, ContentHash.of(one("a/i.jpg", image), List.of()));
        // Image and mask are not interchangeable.
        assertNotEquals(base, ContentHash.of(one("m.png", mask), one("a/i.jpg", image)));
    }

    private static double[] centroid(BinaryMask m) {
        double sx = 0;
        double sy = 0;
        long n = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.isSet(x, y)) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return new double[] {sx / n, sy / n};
    }
}
