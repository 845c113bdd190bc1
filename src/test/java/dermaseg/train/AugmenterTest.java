package dermaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class AugmenterTest {
    private static final int SIZE = 64;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /**
     * A dark red disc (the lesion) on white skin, and its mask. It is kept clear of the borders, but
     * a large rotation about an off-centre disc can still bring a mirrored copy of it in from the
     * reflected border (in image and mask alike).
     */
    private static MatHandle[] discPair(int cx, int cy) {
        Mat image = new Mat(90, 120, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Mat mask = new Mat(90, 120, CvType.CV_8UC1, new Scalar(0));
        Imgproc.circle(image, new Point(cx, cy), 16, new Scalar(0, 0, 200), -1);
        Imgproc.circle(mask, new Point(cx, cy), 16, new Scalar(255), -1);
        return new MatHandle[] {MatHandle.of(image), MatHandle.of(mask)};
    }

    @Test
    void geometricAugmentationKeepsImageAndMaskAligned() {
        AugmentConfig geometryOnly = AugmentConfig.builder().brightnessJitter(0).contrastJitter(0)
                .saturationJitter(0).hueJitterDegrees(0).build();
        Augmenter augmenter = new Augmenter(geometryOnly, SIZE);
        MatHandle[] pair = discPair(70, 40);
        try (MatHandle image = pair[0]; MatHandle mask = pair[1]) {
            for (int seed = 0; seed < 10; seed++) {
                Augmenter.Sample s = augmenter.sample(image.mat(), mask.mat(), Augmenter.randomFor(1, 1, "id" + seed));
                int plane = SIZE * SIZE;
                int agree = 0;
                int lesion = 0;
                for (int i = 0; i < plane; i++) {
                    // The disc is darker than skin in green, so below the standardised mean.
                    boolean redDisc = s.input()[plane + i] < 0;
                    boolean target = s.target()[i] == 1f;
                    if (redDisc == target) {
                        agree++;
                    }
                    if (target) {
                        lesion++;
                    }
                }
                assertTrue(lesion > 50, "lesion lost from view, seed " + seed);
                assertTrue(agree >= plane * 0.98, "image and mask disagree on " + (plane - agree) + " pixels");
            }
        }
    }

    /**
     * The disc sits off-centre (its centroid 13 px left of and 11 px above the working square's
     * centre), so a rotation about the image centre would move it by up to 34 px. Rotating about
     * the centroid far enough brings source points beyond the border into view, and the reflected
     * border then holds mirrored copies of the disc (in image and mask alike); only the component
     * under the original centroid is the rotated disc, so only it is measured.
     */
    @Test
    void rotationIsAboutTheLesionCentroid() {
        AugmentConfig rotateOnly = AugmentConfig.builder().scaleJitter(0).flipProbability(0).brightnessJitter(0)
                        .contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).build();
        Augmenter rotating = new Augmenter(rotateOnly, SIZE);
        Augmenter plain = new Augmenter(AugmentConfig.none(), SIZE);
        MatHandle[] pair = discPair(35, 30);
        try (MatHandle image = pair[0]; MatHandle mask = pair[1]) {
            float[] unrotated = plain.sample(image.mat(), mask.mat(), new Random(1)).target();
            double[] before = centroid(unrotated);
            assertTrue(Math.hypot(before[0] - SIZE / 2.0, before[1] - SIZE / 2.0) > 15,
                    "the disc must be off-centre for this test to mean anything");
            int seedPixel = (int) Math.round(before[1]) * SIZE + (int) Math.round(before[0]);
            double largestAngle = 0;
            for (int seed = 0; seed < 5; seed++) {
                // The rotation angle is the sample's first draw (uniform in ±180 degrees).
                largestAngle = Math.max(largestAngle,
                        Math.abs(Augmenter.randomFor(1, 1, "id" + seed).nextDouble() * 2 - 1) * 180);
                float[] rotated = rotating.sample(image.mat(), mask.mat(),
                        Augmenter.randomFor(1, 1, "id" + seed)).target();
                assertEquals(1f, rotated[seedPixel], "the lesion left its centroid, seed " + seed);
                double[] after = centroid(component(rotated, seedPixel));
                assertEquals(before[0], after[0], 1.0, "seed " + seed);
                assertEquals(before[1], after[1], 1.0, "seed " + seed);
            }
            assertTrue(largestAngle > 60, "no large rotation drawn: " + largestAngle);
        }
    }

    @Test
    void neighbouringSeedsGiveUnrelatedSamples() {
        // java.util.Random seeded with 0, 1, 2 starts 0.7310, 0.7309, 0.7311: randomFor must not.
        double[] first = new double[20];
        for (int i = 0; i < first.length; i++) {
            first[i] = Augmenter.randomFor(20171, 3, "ISIC_00000" + (10 + i)).nextDouble();
        }
        double min = 1;
        double max = 0;
        for (double v : first) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(max - min > 0.5, "first draws span only " + (max - min));
    }

    @Test
    void sameSeedSameSample() {
        Augmenter augmenter = new Augmenter(AugmentConfig.builder().build(), SIZE);
        MatHandle[] pair = discPair(70, 40);
        try (MatHandle image = pair[0]; MatHandle mask = pair[1]) {
            Augmenter.Sample a = augmenter.sample(image.mat(), mask.mat(), new Random(42));
            Augmenter.Sample b = augmenter.sample(image.mat(), mask.mat(), new Random(42));
            assertArrayEquals(a.input(), b.input());
            assertArrayEquals(a.target(), b.target());
        }
    }

    /** The 4-connected lesion component of {@code target} that holds pixel {@code start}. */
    private static float[] component(float[] target, int start) {
        float[] out = new float[target.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        out[start] = 1f;
        queue.add(start);
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int x = p % SIZE;
            int y = p / SIZE;
            int[][] next = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
            for (int[] n : next) {
                int q = n[1] * SIZE + n[0];
                if (n[0] >= 0 && n[0] < SIZE && n[1] >= 0 && n[1] < SIZE && target[q] == 1f && out[q] == 0f) {
                    out[q] = 1f;
                    queue.add(q);
                }
            }
        }
        return out;
    }

    private static double[] centroid(float[] target) {
        double sx = 0;
        double sy = 0;
        double n = 0;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 1f) {
                sx += i % SIZE;
                sy += i / SIZE;
                n++;
            }
        }
        return new double[] {sx / n, sy / n};
    }

    private static int lesionPixels(Augmenter.Sample s) {
        int n = 0;
        for (float t : s.target()) {
            n += t == 1f ? 1 : 0;
        }
        return n;
    }

    @Test
    void zoomAboutTheLesionSpansItsRangeAndFillsTheFrameAtItsTop() {
        AugmentConfig zoomOnly = AugmentConfig.builder().maxRotationDegrees(0).scaleJitter(0).flipProbability(0)
                .brightnessJitter(0).contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).zoom(0.6, 1.6).build();
        AugmentConfig none = AugmentConfig.none();
        MatHandle[] pair = discPair(60, 45);
        try (MatHandle image = pair[0]; MatHandle mask = pair[1]) {
            int plain = lesionPixels(new Augmenter(none, SIZE).sample(image.mat(), mask.mat(), new Random(1)));
            double smallest = Double.MAX_VALUE;
            double largest = 0;
            Augmenter zooming = new Augmenter(zoomOnly, SIZE);
            for (int seed = 0; seed < 40; seed++) {
                double ratio = lesionPixels(zooming.sample(image.mat(), mask.mat(),
                        Augmenter.randomFor(3, 1, "id" + seed))) / (double) plain;
                // Area goes with the square of the zoom: within [0.36, 2.56], up to resampling.
                assertTrue(ratio > 0.36 * 0.85 && ratio < 2.56 * 1.15, "area ratio " + ratio);
                smallest = Math.min(smallest, ratio);
                largest = Math.max(largest, ratio);
            }
            assertTrue(smallest < 0.6 && largest > 1.8, "zoom drew only " + smallest + " to " + largest);
        }
    }

    @Test
    void deviceAugmentationsChangeTheImageButNeverTheTarget() {
        AugmentConfig base = AugmentConfig.builder().maxRotationDegrees(0).scaleJitter(0).flipProbability(0)
                .brightnessJitter(0).contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).build();
        List<AugmentConfig> each = List.of(
                AugmentConfig.builder().maxRotationDegrees(0).scaleJitter(0).flipProbability(0).brightnessJitter(0)
                        .contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).gammaJitter(1).build(),
                AugmentConfig.builder().maxRotationDegrees(0).scaleJitter(0).flipProbability(0).brightnessJitter(0)
                        .contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).blur(1, 1.5).build(),
                AugmentConfig.builder().maxRotationDegrees(0).scaleJitter(0).flipProbability(0).brightnessJitter(0)
                        .contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).jpeg(1, 30).build(),
                AugmentConfig.builder().maxRotationDegrees(0).scaleJitter(0).flipProbability(0).brightnessJitter(0)
                        .contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).vignette(1, 0.8).build());
        MatHandle[] pair = discPair(60, 45);
        try (MatHandle image = pair[0]; MatHandle mask = pair[1]) {
            Augmenter.Sample plain = new Augmenter(base, SIZE).sample(image.mat(), mask.mat(), new Random(5));
            for (AugmentConfig c : each) {
                Augmenter augmenter = new Augmenter(c, SIZE);
                boolean changed = false;
                for (int seed = 0; seed < 5 && !changed; seed++) {
                    Augmenter.Sample s = augmenter.sample(image.mat(), mask.mat(), Augmenter.randomFor(9, 1, "i" + seed));
                    assertArrayEquals(plain.target(), s.target(), "a photometric change moved the mask: " + c.asMap());
                    changed = !java.util.Arrays.equals(plain.input(), s.input());
                }
                assertTrue(changed, "no change of the input from " + c.asMap());
            }
        }
    }

    @Test
    void aRecipeWithoutDeviceAugmentationsIsDescribedAsBeforeTheyExisted() {
        // The checkpoint compares these keys; a key more would refuse to resume an older run.
        assertEquals(List.of("maxRotationDegrees", "scaleJitter", "flipProbability", "brightnessJitter",
                "contrastJitter", "saturationJitter", "hueJitterDegrees"),
                List.copyOf(AugmentConfig.builder().build().asMap().keySet()));
        assertEquals(List.of("maxRotationDegrees", "scaleJitter", "flipProbability", "brightnessJitter",
                "contrastJitter", "saturationJitter", "hueJitterDegrees", "gammaJitter", "zoomMin", "zoomMax"),
                List.copyOf(AugmentConfig.builder().gammaJitter(0.5).zoom(0.6, 1.6).build().asMap().keySet()));
        assertThrows(IllegalArgumentException.class, () -> AugmentConfig.builder().zoom(1.6, 0.6).build());
        assertThrows(IllegalArgumentException.class, () -> AugmentConfig.builder().blur(1.5, 1).build());
        assertThrows(IllegalArgumentException.class, () -> AugmentConfig.builder().jpeg(0.5, 0).build());
    }
}
