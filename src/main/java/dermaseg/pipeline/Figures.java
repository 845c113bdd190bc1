package dermaseg.pipeline;

import dermaseg.fusion.Fusion;
import dermaseg.image.Annotations;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.image.Overlay;
import dermaseg.refine.LocalMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * The paper's figure for one image, at analysis resolution (or smaller), each panel titled: the
 * input with the predicted border (and the ground truth's, when known) and a legend of the two;
 * the FCN map P_g; the superpixel map P_l with the superpixels of the region of interest; the
 * fused map S, the three maps in viridis with a colour bar; the binary result; and the ground
 * truth beside it, when known. The image's id stands above them all, so that the PNG says what it
 * shows when opened on its own.
 */
public final class Figures {
    /**
     * BGR colours of the borders, drawn at least 2 px wide (at 1 px a small image hides them):
     * prediction in cyan, ground truth in green.
     */
    public static final Scalar PREDICTION = new Scalar(255, 255, 0);
    public static final Scalar GROUND_TRUTH = new Scalar(0, 200, 0);
    /** Superpixel edges over P_l: white stands out on every viridis colour. */
    private static final Scalar SUPERPIXEL_EDGES = new Scalar(255, 255, 255);
    /** White columns between panels. */
    private static final int GAP = 4;

    /** The panel titles, left to right; the last only when the ground truth is known. */
    public static final List<String> TITLES = List.of("input", "FCN map P_g", "superpixel map P_l", "fused map S",
            "result", "ground truth");

    private Figures() {
    }

    /**
     * @param r       a segmentation, drawn on the analysis image its maps were computed on
     * @param truth   the ground truth at the original size, or null
     * @param title   what the figure shows (the image's id)
     * @param maxSide when positive, the longer side of each panel at most this; else analysis size
     * @return the titled panels in one image, owned by the caller
     */
    public static MatHandle figure(SegmentationResult r, BinaryMask truth, String title, int maxSide) {
        List<MatHandle> panels = new ArrayList<>();
        try {
            panels(r, truth, panels);
            int w = panels.get(0).width();
            int h = panels.get(0).height();
            double scale = maxSide > 0 && Math.max(w, h) > maxSide ? (double) maxSide / Math.max(w, h) : 1;
            int pw = Math.max(1, (int) Math.round(w * scale));
            int ph = Math.max(1, (int) Math.round(h * scale));
            List<MatHandle> titled = new ArrayList<>();
            try {
                for (int i = 0; i < panels.size(); i++) {
                    try (MatHandle small = ImageOps.resize(panels.get(i).mat(), pw, ph);
                            MatHandle footer = footer(i, truth != null, pw)) {
                        titled.add(Annotations.titled(small.mat(), TITLES.get(i), footer.mat()));
                    }
                }
                try (MatHandle row = Overlay.montage(titled.stream().map(MatHandle::mat).toList(), GAP);
                        MatHandle heading = Annotations.banner(title, row.width(), Annotations.bandHeight(pw))) {
                    return Annotations.stack(List.of(heading.mat(), row.mat()));
                }
            } finally {
                titled.forEach(MatHandle::close);
            }
        } finally {
            panels.forEach(MatHandle::close);
        }
    }

    /** The key under panel {@code i}: the outline legend, a colour bar under a map, or nothing. */
    private static MatHandle footer(int i, boolean withTruth, int width) {
        if (i == 0) {
            List<Annotations.LegendEntry> entries = new ArrayList<>();
            entries.add(new Annotations.LegendEntry(PREDICTION, "prediction"));
            if (withTruth) {
                entries.add(new Annotations.LegendEntry(GROUND_TRUTH, "ground truth"));
            }
            return Annotations.legend(entries, width);
        }
        return i <= 3 ? Annotations.colourBar(width) : Annotations.blank(width);
    }

    /** The panels at analysis resolution, appended to {@code out} (which the caller closes). */
    private static void panels(SegmentationResult r, BinaryMask truth, List<MatHandle> out) {
        RefineStage.Output s = r.stages();
        AnalysisImage image = s.image();
        int w = image.width();
        int h = image.height();
        List<Overlay.Outline> outlines = new ArrayList<>();
        if (truth != null) {
            outlines.add(new Overlay.Outline(truth.resizeNearest(w, h), GROUND_TRUTH));
        }
        BinaryMask result = r.mask().resizeNearest(w, h);
        outlines.add(new Overlay.Outline(result, PREDICTION));
        try (MatHandle pixels = image.toMat()) {
            out.add(Overlay.contours(pixels.mat(), outlines, Math.max(2, Overlay.scaledThickness(pixels.mat()))));
            out.add(Overlay.heatMap(s.global().toFloatMap()));
            try (MatHandle local = Overlay.heatMap(s.local().toFloatMap())) {
                out.add(superpixelEdges(local.mat(), s.details()));
            }
            out.add(Overlay.heatMap(Fusion.fuse(s.global().toFloatMap(), s.local().toFloatMap(), r.fusionWeight())));
            out.add(binary(result));
            if (truth != null) {
                out.add(binary(truth.resizeNearest(w, h)));
            }
        }
    }

    /** A mask as a BGR image: the lesion white on black. */
    private static MatHandle binary(BinaryMask mask) {
        try (MatHandle gray = mask.toMat()) {
            return MatHandle.filled(out -> Imgproc.cvtColor(gray.mat(), out, Imgproc.COLOR_GRAY2BGR));
        }
    }

    private static MatHandle superpixelEdges(Mat map, LocalMap details) {
        if (details == null || details.superpixels() == null) {
            return MatHandle.of(map.clone());
        }
        int w = map.cols();
        int[] labels = new int[w * map.rows()];
        Arrays.fill(labels, -1);
        Rect roi = details.roi();
        int[] local = details.superpixels().labels();
        for (int y = 0; y < roi.height; y++) {
            System.arraycopy(local, y * roi.width, labels, (roi.y + y) * w + roi.x, roi.width);
        }
        // Half-transparent edges: the superpixels show, and so does the map under them.
        try (MatHandle edged = Overlay.superpixelBoundaries(map, labels, SUPERPIXEL_EDGES)) {
            return MatHandle.filled(out -> Core.addWeighted(map, 0.5, edged.mat(), 0.5, 0, out));
        }
    }
}
