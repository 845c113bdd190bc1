package dermaseg.pipeline;

import dermaseg.fusion.Fusion;
import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import dermaseg.image.Overlay;
import dermaseg.refine.LocalMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * The paper's figure for one image, at analysis resolution: the input with the predicted border
 * (and the ground truth's, when known), the FCN map, the superpixels of the region of interest,
 * and the fused map, side by side.
 */
public final class Figures {
    /**
     * BGR colours of the borders, drawn at least 2 px wide (at 1 px a small image hides them):
     * prediction in cyan, ground truth in green.
     */
    public static final Scalar PREDICTION = new Scalar(255, 255, 0);
    public static final Scalar GROUND_TRUTH = new Scalar(0, 200, 0);
    private static final Scalar SUPERPIXEL_EDGES = new Scalar(0, 255, 255);

    private Figures() {
    }

    /**
     * @param r     a segmentation, drawn on the analysis image its maps were computed on
     * @param truth the ground truth at the original size, or null
     * @return the four panels in one image, owned by the caller
     */
    public static MatHandle panels(SegmentationResult r, BinaryMask truth) {
        RefineStage.Output s = r.stages();
        AnalysisImage image = s.image();
        int w = image.width();
        int h = image.height();
        List<Overlay.Outline> outlines = new ArrayList<>();
        if (truth != null) {
            outlines.add(new Overlay.Outline(truth.resizeNearest(w, h), GROUND_TRUTH));
        }
        outlines.add(new Overlay.Outline(r.mask().resizeNearest(w, h), PREDICTION));
        try (MatHandle pixels = image.toMat();
                MatHandle outlined = Overlay.contours(pixels.mat(), outlines,
                        Math.max(2, Overlay.scaledThickness(pixels.mat())));
                MatHandle fcn = Overlay.heatMap(s.global().toFloatMap());
                MatHandle superpixels = superpixelPanel(pixels.mat(), s.details());
                MatHandle fused = Overlay.heatMap(Fusion.fuse(s.global().toFloatMap(), s.local().toFloatMap(),
                        r.fusionWeight()))) {
            return Overlay.montage(List.of(outlined.mat(), fcn.mat(), superpixels.mat(), fused.mat()), 4);
        }
    }

    private static MatHandle superpixelPanel(Mat image, LocalMap details) {
        if (details == null || details.superpixels() == null) {
            return MatHandle.of(image.clone());
        }
        int w = image.cols();
        int[] labels = new int[w * image.rows()];
        Arrays.fill(labels, -1);
        Rect roi = details.roi();
        int[] local = details.superpixels().labels();
        for (int y = 0; y < roi.height; y++) {
            System.arraycopy(local, y * roi.width, labels, (roi.y + y) * w + roi.x, roi.width);
        }
        return Overlay.superpixelBoundaries(image, labels, SUPERPIXEL_EDGES);
    }
}
