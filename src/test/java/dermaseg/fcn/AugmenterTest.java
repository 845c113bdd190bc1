package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
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
     * A dark red disc (the lesion) on white skin, and its mask. It is kept clear of the borders so
     * that the reflected borders of a rotation never hold a mirrored copy of it.
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

    @Test
    void rotationIsAboutTheLesionCentroid() {
        AugmentConfig rotateOnly = AugmentConfig.builder().scaleJitter(0).flipProbability(0).brightnessJitter(0)
                        .contrastJitter(0).saturationJitter(0).hueJitterDegrees(0).build();
        Augmenter rotating = new Augmenter(rotateOnly, SIZE);
        Augmenter plain = new Augmenter(AugmentConfig.none(), SIZE);
        MatHandle[] pair = discPair(60, 45);
        try (MatHandle image = pair[0]; MatHandle mask = pair[1]) {
            double[] before = centroid(plain.sample(image.mat(), mask.mat(), new Random(1)).target());
            for (int seed = 0; seed < 5; seed++) {
                double[] after = centroid(rotating.sample(image.mat(), mask.mat(),
                        Augmenter.randomFor(1, 1, "id" + seed)).target());
                assertEquals(before[0], after[0], 1.0);
                assertEquals(before[1], after[1], 1.0);
            }
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
}
