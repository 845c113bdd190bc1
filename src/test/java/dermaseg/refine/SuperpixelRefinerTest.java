package dermaseg.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.FloatMap;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class SuperpixelRefinerTest {
    private static final int W = 160;
    private static final int H = 120;
    private static final int EDGE_X = 90;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /** Brown lesion on the left of x = 90, pale skin on the right, with mild texture noise. */
    private static MatHandle twoToneImage() {
        Mat m = new Mat(H, W, CvType.CV_8UC3, new Scalar(180, 200, 230));
        Imgproc.rectangle(m, new Point(0, 0), new Point(EDGE_X - 1, H - 1), new Scalar(40, 70, 120), -1);
        Mat noise = new Mat(H, W, CvType.CV_8UC3);
        Core.randu(noise, 0, 12);
        Core.add(m, noise, m);
        noise.release();
        return MatHandle.of(m);
    }

    /**
     * An FCN map sure on the far sides (lesion seeds left of x = 47, skin seeds right of x = 93)
     * but unsure in between, and wrong about the border: it crosses 0.5 at x = 70, not 90.
     */
    private static FloatMap blurryMap(int centre) {
        float[] p = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double t = (x - centre) / 35.0;
                p[y * W + x] = (float) (0.95 - 0.9 * Math.min(1, Math.max(0, (t + 1) / 2)));
            }
        }
        return new FloatMap(W, H, p);
    }

    @Test
    void propagationStopsAtTheColourEdgeNotAtTheFcnsGuess() {
        SuperpixelRefiner refiner = new SuperpixelRefiner(RefineConfig.builder().superpixels(120).build());
        try (MatHandle image = twoToneImage()) {
            LocalMap local = refiner.refine(image.mat(), blurryMap(70));
            assertTrue(local.refined());
            assertTrue(local.lesionSeeds() > 0 && local.skinSeeds() > 0);
            int wrong = 0;
            int counted = 0;
            for (int y = 5; y < H - 5; y++) {
                // The band the FCN was unsure of, away from the edge itself.
                for (int x = 50; x < 110; x++) {
                    if (Math.abs(x - EDGE_X) < 3) {
                        continue;
                    }
                    boolean lesion = local.map().get(x, y) >= 0.5f;
                    if (lesion != (x < EDGE_X)) {
                        wrong++;
                    }
                    counted++;
                }
            }
            // The FCN alone (0.5 at x = 70) gets the 20 columns between 70 and 90 wrong: a third.
            assertTrue(wrong < counted * 0.05, wrong + " of " + counted + " pixels on the wrong side");
        }
    }

    @Test
    void noLesionRegionLeavesTheFcnMapAlone() {
        SuperpixelRefiner refiner = new SuperpixelRefiner(RefineConfig.builder().build());
        FloatMap empty = FloatMap.filled(W, H, 0.1f);
        try (MatHandle image = twoToneImage()) {
            LocalMap local = refiner.refine(image.mat(), empty);
            assertFalse(local.refined());
            assertArrayEquals(empty.data(), local.map().data());
            assertEquals(0, local.superpixelCount());
        }
    }

    @Test
    void regionOfInterestIsTheCoarseLesionWithAMargin() {
        SuperpixelRefiner refiner = new SuperpixelRefiner(RefineConfig.builder()
                .marginFraction(0.5).minMarginPixels(4).build());
        float[] p = new float[W * H];
        for (int y = 40; y < 60; y++) {
            for (int x = 60; x < 80; x++) {
                p[y * W + x] = 0.9f;
            }
        }
        Rect roi = refiner.regionOfInterest(new FloatMap(W, H, p));
        // 400 px lesion: equivalent radius 11.3, margin ceil(5.6) = 6.
        assertEquals(new Rect(54, 34, 32, 32), roi);
    }

    @Test
    void outsideTheRegionOfInterestTheLocalMapIsSkin() {
        SuperpixelRefiner refiner = new SuperpixelRefiner(RefineConfig.builder().superpixels(60).build());
        float[] p = new float[W * H];
        for (int y = 40; y < 80; y++) {
            for (int x = 20; x < 60; x++) {
                p[y * W + x] = 0.95f;
            }
        }
        try (MatHandle image = twoToneImage()) {
            LocalMap local = refiner.refine(image.mat(), new FloatMap(W, H, p));
            Rect roi = local.roi();
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (!roi.contains(new Point(x, y))) {
                        assertEquals(0f, local.map().get(x, y));
                    }
                }
            }
        }
    }
}
