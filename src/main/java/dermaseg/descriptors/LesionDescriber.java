package dermaseg.descriptors;

import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.imgproc.Imgproc;

/**
 * Measures a lesion's ABCD descriptors from its mask at the original resolution and the image at
 * analysis resolution, on a {@link LesionGrid} of at most {@link DescriptorConfig#gridMaxSide()}
 * pixels a side. Stateless and thread-safe.
 */
public final class LesionDescriber {
    /** Fewest lesion pixels on the grid for shape and colour measures to mean anything. */
    static final int MIN_GRID_AREA = 25;

    private final DescriptorConfig config;

    public LesionDescriber(DescriptorConfig config) {
        this.config = config;
    }

    public DescriptorConfig config() {
        return config;
    }

    /**
     * @param mask        the lesion mask at the original resolution
     * @param box         the mask's {@link BinaryMask#boundingBox()}, which the caller has already
     *                    (a scan of every pixel of the mask: tens of milliseconds at 30 megapixels)
     * @param analysisBgr the image at analysis resolution ({@code CV_8UC3}), the mask's aspect ratio
     * @return the descriptors, or null when there is no lesion, or one too small to describe (fewer
     *         than {@value #MIN_GRID_AREA} pixels at analysis resolution)
     */
    public LesionDescriptors describe(BinaryMask mask, int[] box, Mat analysisBgr) {
        LesionGrid g = LesionGrid.of(mask, box, analysisBgr, config.gridMaxSide());
        if (g == null || g.area() < MIN_GRID_AREA) {
            return null;
        }
        double cx = 0;
        double cy = 0;
        int n = 0;
        for (int y = 0; y < g.height; y++) {
            for (int x = 0; x < g.width; x++) {
                if (g.lesion[y * g.width + x] != 0) {
                    cx += x;
                    cy += y;
                    n++;
                }
            }
        }
        cx /= n;
        cy /= n;
        return new LesionDescriptors(Asymmetry.of(g, cx, cy), Border.of(g, cx, cy), Colours.of(g),
                greatestDiameter(g), config.pixelSpacingMm());
    }

    /**
     * The largest distance between two points of the lesion (its maximum Feret diameter), in
     * original pixels: between the pixel centres of its convex hull, plus one pixel for the two
     * half pixels beyond them.
     */
    static double greatestDiameter(LesionGrid g) {
        List<MatOfPoint> outlines = Border.outlines(g);
        List<Point> all = new ArrayList<>();
        for (MatOfPoint outline : outlines) {
            all.addAll(outline.toList());
            outline.release();
        }
        Point[] hull;
        try (MatHandle points = MatHandle.of(new MatOfPoint(all.toArray(Point[]::new)));
                MatHandle indices = MatHandle.of(new MatOfInt())) {
            Imgproc.convexHull((MatOfPoint) points.mat(), (MatOfInt) indices.mat());
            int[] at = ((MatOfInt) indices.mat()).toArray();
            hull = new Point[at.length];
            for (int i = 0; i < at.length; i++) {
                hull[i] = all.get(at[i]);
            }
        }
        double longest = 0;
        for (int i = 0; i < hull.length; i++) {
            for (int j = i + 1; j < hull.length; j++) {
                longest = Math.max(longest, Math.hypot((hull[i].x - hull[j].x) * g.originalPixelsX,
                        (hull[i].y - hull[j].y) * g.originalPixelsY));
            }
        }
        return longest + (g.originalPixelsX + g.originalPixelsY) / 2;
    }
}
