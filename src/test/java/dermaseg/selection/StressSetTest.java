package dermaseg.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class StressSetTest {
    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /** A 120×90 frame of skin (200, 190, 220) with a dark disc of radius 15 at (60, 45), and its mask. */
    private static MatHandle[] pair() {
        Mat image = new Mat(90, 120, CvType.CV_8UC3, new Scalar(200, 190, 220));
        Mat mask = new Mat(90, 120, CvType.CV_8UC1, new Scalar(0));
        Imgproc.circle(image, new Point(60, 45), 15, new Scalar(40, 40, 90), -1);
        Imgproc.circle(mask, new Point(60, 45), 15, new Scalar(255), -1);
        return new MatHandle[] {MatHandle.of(image), MatHandle.of(mask)};
    }

    private static double lesionShare(Mat mask) {
        return Core.countNonZero(mask) / (double) mask.total();
    }

    @Test
    void zoomingInFillsTheFrameWithTheLesionAndZoomingOutShrinksItWithTheMaskAlike() {
        MatHandle[] p = pair();
        try (MatHandle image = p[0]; MatHandle mask = p[1]) {
            double before = lesionShare(mask.mat());
            StressSet.Perturbation.ZOOM_IN.apply(image.mat(), mask.mat());
            assertEquals(90, mask.mat().rows());
            assertEquals(120, mask.mat().cols());
            double zoomed = lesionShare(mask.mat());
            // The box (31 px) and 10% a side is 37.2 px high, widened to 4:3: 49.6 × 37.2 px. The disc's
            // 709 pixels of the 10,800 then fill 709 / (49.6 · 37.2) = 0.384 of the frame.
            assertTrue(zoomed > 0.36 && zoomed < 0.41, "lesion share after zooming in: " + zoomed + " from " + before);
            double[] centre = image.mat().get(45, 60);
            assertTrue(centre[2] < 120, "the image moved with the mask");
        }
        p = pair();
        try (MatHandle image = p[0]; MatHandle mask = p[1]) {
            double before = lesionShare(mask.mat());
            StressSet.Perturbation.ZOOM_OUT.apply(image.mat(), mask.mat());
            double after = lesionShare(mask.mat());
            assertEquals(before * 0.36, after, before * 0.36 * 0.1, "area shrinks by the scale squared");
            // Around the shrunk frame (72 × 54 of 120 × 90): plain skin, the frame's own skin colour.
            double[] corner = image.mat().get(2, 2);
            assertEquals(200, corner[0], 1);
            assertEquals(190, corner[1], 1);
            assertEquals(220, corner[2], 1);
            assertEquals(0, mask.mat().get(2, 2)[0]);
        }
    }

    @Test
    void photometricChangesLeaveTheMaskAndChangeTheImage() {
        for (StressSet.Perturbation change : StressSet.Perturbation.values()) {
            if (change == StressSet.Perturbation.ZOOM_IN || change == StressSet.Perturbation.ZOOM_OUT) {
                continue;
            }
            MatHandle[] p = pair();
            try (MatHandle image = p[0]; MatHandle mask = p[1]; MatHandle original = MatHandle.empty();
                    MatHandle originalMask = MatHandle.empty(); MatHandle diff = MatHandle.empty()) {
                image.mat().copyTo(original.mat());
                mask.mat().copyTo(originalMask.mat());
                change.apply(image.mat(), mask.mat());
                Core.absdiff(mask.mat(), originalMask.mat(), diff.mat());
                assertEquals(0, Core.countNonZero(diff.mat()), change + " moved the mask");
                Core.absdiff(image.mat(), original.mat(), diff.mat());
                assertTrue(Core.sumElems(diff.mat()).val[0] + Core.sumElems(diff.mat()).val[2] > 0,
                        change + " left the image as it was");
            }
        }
    }

    @Test
    void meanJaccardsAndDropsArePerChange() {
        List<StressSet.Score> scores = List.of(new StressSet.Score("clean", "a", 0.9),
                new StressSet.Score("blur", "a", 0.7), new StressSet.Score("clean", "b", 0.7),
                new StressSet.Score("blur", "b", 0.6));
        Map<String, Double> means = StressSet.meanJaccards(scores);
        assertEquals(0.8, means.get("clean"), 1e-12);
        assertEquals(0.65, means.get("blur"), 1e-12);
        CrossDeviceReport.Stress s = CrossDeviceReport.stress("c", scores);
        assertEquals(2, s.images());
        assertEquals(0.15, s.drops().get("blur"), 1e-12);
    }
}
