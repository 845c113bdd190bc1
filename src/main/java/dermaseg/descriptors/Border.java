package dermaseg.descriptors;

import dermaseg.image.MatHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.imgproc.Imgproc;

/**
 * Stolz's B and the border's shape.
 *
 * <ul>
 *   <li>Compactness {@code 4πA / P²}: 1 for a disc, lower the more ragged or elongated the
 *       border. A and P are the area and perimeter of the largest region's outline traced on the
 *       grid and simplified to within {@value #OUTLINE_TOLERANCE} grid pixel (Douglas–Peucker):
 *       the raw pixel staircase measures a disc's perimeter 5.5% too long, which would score a
 *       perfect disc 0.90.</li>
 *   <li>Abruptness, in 8 segments of 45° around the centroid (segment 1 from the image's x axis
 *       counter-clockwise as displayed), as the ABCD rule counts an abrupt cut-off of the pigment
 *       pattern: the lesion's colour is averaged in rings one grid pixel wide at each distance
 *       from its border, {@code w} rings inside and {@code w} outside ({@code w} a tenth of the
 *       lesion's equivalent radius, at least {@value #MIN_BAND} pixels), and a segment's
 *       abruptness is the largest colour change (ΔE*ab) between rings two apart divided by the
 *       change across the whole band, in [0, 1]: 1 when all of it happens at one step, about
 *       {@code 1 / w} for a change spread evenly over the band. Taking the largest step
 *       anywhere in the band rather than the one at the border keeps a mask a few pixels off the
 *       visible edge from hiding a sharp one. A segment whose band changes by less than ΔE
 *       {@value #MIN_STEP} has no edge to cut off and scores 0; one whose rings are not all there
 *       (the lesion runs off the image) is not measured (null).</li>
 *   <li>The B score: the segments with abruptness at least {@value #ABRUPT}, that is with at
 *       least half of the colour change in one two-pixel step: 0 to 8.</li>
 * </ul>
 *
 * @param compactness 4πA / P², in (0, 1]
 * @param abruptness  per segment, null where not measured
 * @param score       abrupt segments, 0 to 8
 */
public record Border(double compactness, List<Double> abruptness, int score) {
    static final int SEGMENTS = 8;
    static final int MIN_BAND = 5;
    static final double BAND_OF_RADIUS = 0.1;
    static final double MIN_STEP = 3;
    static final double ABRUPT = 0.5;
    static final double OUTLINE_TOLERANCE = 1.0;
    /** Fewest pixels a ring may have in a segment for its mean colour to count. */
    private static final int MIN_RING_PIXELS = 3;

    public Border {
        if (abruptness.size() != SEGMENTS) {
            throw new IllegalArgumentException("expected " + SEGMENTS + " segments, got " + abruptness.size());
        }
        abruptness = Collections.unmodifiableList(new ArrayList<>(abruptness));
    }

    static Border of(LesionGrid g, double cx, double cy) {
        Double[] abruptness = abruptness(g, cx, cy);
        int score = 0;
        for (Double a : abruptness) {
            if (a != null && a >= ABRUPT) {
                score++;
            }
        }
        return new Border(compactness(g), Arrays.asList(abruptness), score);
    }

    /** The outlines of the grid's lesion regions, largest first. */
    static List<MatOfPoint> outlines(LesionGrid g) {
        List<MatOfPoint> contours = new ArrayList<>();
        try (MatHandle lesion = g.lesionMat(); MatHandle hierarchy = MatHandle.empty()) {
            Imgproc.findContours(lesion.mat(), contours, hierarchy.mat(), Imgproc.RETR_EXTERNAL,
                    Imgproc.CHAIN_APPROX_NONE);
        }
        contours.sort((p, q) -> Double.compare(Imgproc.contourArea(q), Imgproc.contourArea(p)));
        return contours;
    }

    private static double compactness(LesionGrid g) {
        List<MatOfPoint> outlines = outlines(g);
        try (MatHandle outline = MatHandle.of(new MatOfPoint2f(outlines.get(0).toArray()));
                MatHandle simplified = MatHandle.of(new MatOfPoint2f())) {
            MatOfPoint2f polygon = (MatOfPoint2f) simplified.mat();
            Imgproc.approxPolyDP((MatOfPoint2f) outline.mat(), polygon, OUTLINE_TOLERANCE, true);
            double area = Imgproc.contourArea(polygon);
            double perimeter = Imgproc.arcLength(polygon, true);
            return perimeter == 0 ? 1 : Math.min(1, 4 * Math.PI * area / (perimeter * perimeter));
        } finally {
            outlines.forEach(Mat::release);
        }
    }

    private static Double[] abruptness(LesionGrid g, double cx, double cy) {
        int lesionPixels = g.area();
        int band = Math.max(MIN_BAND, (int) Math.round(BAND_OF_RADIUS * Math.sqrt(lesionPixels / Math.PI)));
        float[] inside = new float[g.lesion.length];
        float[] outside = new float[g.lesion.length];
        try (MatHandle lesion = g.lesionMat(); MatHandle skin = MatHandle.empty();
                MatHandle toSkin = MatHandle.empty(); MatHandle toLesion = MatHandle.empty()) {
            Core.bitwise_not(lesion.mat(), skin.mat());
            // Each lesion pixel's distance to the nearest skin pixel, and each skin pixel's to the lesion.
            Imgproc.distanceTransform(lesion.mat(), toSkin.mat(), Imgproc.DIST_L2, Imgproc.DIST_MASK_PRECISE);
            Imgproc.distanceTransform(skin.mat(), toLesion.mat(), Imgproc.DIST_L2, Imgproc.DIST_MASK_PRECISE);
            toSkin.mat().get(0, 0, inside);
            toLesion.mat().get(0, 0, outside);
        }
        // rings[segment][ring][count, L, a, b]: ring 0 the deepest inside the lesion, ring 2·band − 1 the farthest out.
        double[][][] rings = new double[SEGMENTS][2 * band][4];
        float[] l = g.lab.l();
        float[] a = g.lab.a();
        float[] b = g.lab.b();
        for (int y = 0; y < g.height; y++) {
            for (int x = 0; x < g.width; x++) {
                int i = y * g.width + x;
                boolean isLesion = g.lesion[i] != 0;
                int distance = (int) Math.ceil(isLesion ? inside[i] : outside[i]);
                if (distance < 1 || distance > band) {
                    continue;
                }
                int ring = isLesion ? band - distance : band + distance - 1;
                double[] s = rings[segment(x - cx, cy - y)][ring];
                s[0]++;
                s[1] += l[i];
                s[2] += a[i];
                s[3] += b[i];
            }
        }
        Double[] out = new Double[SEGMENTS];
        for (int k = 0; k < SEGMENTS; k++) {
            out[k] = segmentAbruptness(rings[k]);
        }
        return out;
    }

    /** The largest two-ring step over the change across the band; null without every ring. */
    private static Double segmentAbruptness(double[][] rings) {
        double[][] means = new double[rings.length][];
        for (int r = 0; r < rings.length; r++) {
            if (rings[r][0] < MIN_RING_PIXELS) {
                return null;
            }
            means[r] = new double[] {rings[r][1] / rings[r][0], rings[r][2] / rings[r][0], rings[r][3] / rings[r][0]};
        }
        double across = deltaE(means[0], means[means.length - 1]);
        if (across < MIN_STEP) {
            return 0.0;
        }
        double steepest = 0;
        for (int r = 0; r + 2 < means.length; r++) {
            steepest = Math.max(steepest, deltaE(means[r], means[r + 2]));
        }
        return Math.min(1, steepest / across);
    }

    /** The segment of the direction {@code (dx, dy)}, y pointing up. */
    private static int segment(double dx, double dy) {
        double degrees = Math.toDegrees(Math.atan2(dy, dx));
        int k = (int) Math.floor((degrees < 0 ? degrees + 360 : degrees) / (360.0 / SEGMENTS));
        return Math.min(k, SEGMENTS - 1);
    }

    private static double deltaE(double[] p, double[] q) {
        double dl = p[0] - q[0];
        double da = p[1] - q[1];
        double db = p[2] - q[2];
        return Math.sqrt(dl * dl + da * da + db * db);
    }
}
