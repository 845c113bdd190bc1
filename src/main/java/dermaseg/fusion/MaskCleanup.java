package dermaseg.fusion;

import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Post-processing of a binary lesion mask: keep the largest connected region (8-connectivity)
 * and fill the holes inside it (background regions, 4-connected, that do not touch the border).
 *
 * <p>Works on native {@code CV_8UC1} masks in place, so that a full-resolution mask of a large
 * image (tens of megapixels) never becomes label arrays on the Java heap.
 */
public final class MaskCleanup {
    private MaskCleanup() {
    }

    public static BinaryMask apply(BinaryMask mask, FusionConfig config) {
        try (MatHandle m = mask.toMat()) {
            apply(m.mat(), config);
            return BinaryMask.fromMat(m.mat());
        }
    }

    /** Cleans a {@code CV_8UC1} mask (0 = skin, non-zero = lesion) in place; the result is 0/255. */
    public static void apply(Mat mask, FusionConfig config) {
        Imgproc.threshold(mask, mask, 0, 255, Imgproc.THRESH_BINARY);
        if (config.keepLargestComponent()) {
            keepLargestComponent(mask);
        }
        if (config.fillHoles()) {
            fillHoles(mask);
        }
    }

    public static BinaryMask largestComponent(BinaryMask mask) {
        return apply(mask, FusionConfig.builder().fillHoles(false).build());
    }

    public static BinaryMask fillHoles(BinaryMask mask) {
        return apply(mask, FusionConfig.builder().keepLargestComponent(false).build());
    }

    private static void keepLargestComponent(Mat mask) {
        try (MatHandle labels = MatHandle.empty(); MatHandle stats = MatHandle.empty();
                MatHandle centroids = MatHandle.empty()) {
            int count = Imgproc.connectedComponentsWithStats(mask, labels.mat(), stats.mat(),
                    centroids.mat(), 8, CvType.CV_32S);
            if (count <= 2) {
                return;  // empty, or already a single region
            }
            int best = 1;
            double bestArea = -1;
            for (int c = 1; c < count; c++) {
                double area = stats.mat().get(c, Imgproc.CC_STAT_AREA)[0];
                if (area > bestArea) {
                    bestArea = area;
                    best = c;
                }
            }
            Core.compare(labels.mat(), new Scalar(best), mask, Core.CMP_EQ);
        }
    }

    /**
     * Floods the background from a one-pixel frame around the mask (4-connected, so the frame
     * reaches every background region that touches the border); background left unflooded is
     * a hole.
     */
    private static void fillHoles(Mat mask) {
        try (MatHandle framed = MatHandle.empty(); MatHandle noMask = MatHandle.empty()) {
            Core.copyMakeBorder(mask, framed.mat(), 1, 1, 1, 1, Core.BORDER_CONSTANT, new Scalar(0));
            Imgproc.floodFill(framed.mat(), noMask.mat(), new Point(0, 0), new Scalar(255));
            try (MatHandle inner = MatHandle.of(framed.mat().submat(1, mask.rows() + 1, 1, mask.cols() + 1))) {
                Core.bitwise_not(inner.mat(), inner.mat());   // 255 on holes only
                Core.bitwise_or(mask, inner.mat(), mask);
            }
        }
    }
}
