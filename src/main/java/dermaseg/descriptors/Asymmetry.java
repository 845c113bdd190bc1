package dermaseg.descriptors;

/**
 * Stolz's A: about how many of two perpendicular axes through the lesion's centroid it is
 * asymmetric, in shape or in colour (0, 1 or 2), the axes turned to give the lowest asymmetry
 * possible, as the ABCD rule positions them.
 *
 * <ul>
 *   <li>Shape asymmetry about an axis: the share of the lesion's pixels whose mirror image across
 *       the axis is not lesion, in [0, 1] (0 for a mirror-symmetric shape; a half-disc about the
 *       axis parallel to its cut scores 0.19). Asymmetric from {@value #SHAPE_THRESHOLD}: a tenth
 *       of the lesion with no counterpart.</li>
 *   <li>Colour asymmetry about an axis: the CIE76 colour difference ΔE*ab between the mean colours
 *       of the lesion's two halves. Asymmetric from ΔE {@value #COLOUR_THRESHOLD}, a difference
 *       seen at a glance (about four times the just-noticeable one).</li>
 * </ul>
 *
 * <p>Axes are tried every {@value #STEP_DEGREES}°; the pair kept is the one with the fewest
 * asymmetric axes, then the lowest sum over its two axes of each axis's larger measure relative to
 * its threshold. Axis 1 is the more symmetric of the pair; its angle is counter-clockwise from the
 * image's x axis as the image is displayed, in [0°, 180°). Both thresholds are this project's
 * choice, not calibrated against dermatologists' scores (the ISIC 2017 data has none).
 *
 * @param score           0, 1 or 2 axes asymmetric
 * @param axisDegrees     the angle of axis 1
 * @param shape1          shape asymmetry about axis 1
 * @param shape2          about axis 2
 * @param colour1         colour asymmetry about axis 1, ΔE
 * @param colour2         about axis 2
 */
public record Asymmetry(int score, double axisDegrees, double shape1, double shape2, double colour1,
        double colour2) {
    static final double SHAPE_THRESHOLD = 0.10;
    static final double COLOUR_THRESHOLD = 10;
    static final int STEP_DEGREES = 5;
    private static final int AXES = 180 / STEP_DEGREES;
    /** Angular bins of {@value #STEP_DEGREES}° around the centroid: every axis tried lies between two. */
    private static final int BINS = 2 * AXES;

    static Asymmetry of(LesionGrid g, double cx, double cy) {
        double[] shape = new double[AXES];
        double[] colour = colourAsymmetry(g, cx, cy);
        int[] xs = new int[g.area()];
        int[] ys = new int[xs.length];
        int n = 0;
        for (int y = 0; y < g.height; y++) {
            for (int x = 0; x < g.width; x++) {
                if (g.lesion[y * g.width + x] != 0) {
                    xs[n] = x;
                    ys[n++] = y;
                }
            }
        }
        for (int k = 0; k < AXES; k++) {
            shape[k] = (double) unmirrored(g, xs, ys, cx, cy, Math.toRadians(k * STEP_DEGREES)) / n;
        }
        int best = -1;
        int bestCount = Integer.MAX_VALUE;
        double bestSum = Double.POSITIVE_INFINITY;
        for (int k = 0; k < AXES / 2; k++) {
            int perpendicular = k + AXES / 2;
            int count = asymmetric(shape[k], colour[k]) + asymmetric(shape[perpendicular], colour[perpendicular]);
            double sum = relative(shape[k], colour[k]) + relative(shape[perpendicular], colour[perpendicular]);
            if (count < bestCount || (count == bestCount && sum < bestSum)) {
                best = k;
                bestCount = count;
                bestSum = sum;
            }
        }
        int other = best + AXES / 2;
        int first = relative(shape[best], colour[best]) <= relative(shape[other], colour[other]) ? best : other;
        int second = first == best ? other : best;
        return new Asymmetry(bestCount, first * STEP_DEGREES, shape[first], shape[second], colour[first],
                colour[second]);
    }

    private static int asymmetric(double shape, double colour) {
        return shape >= SHAPE_THRESHOLD || colour >= COLOUR_THRESHOLD ? 1 : 0;
    }

    /** An axis's asymmetry in units of its thresholds: at least 1 where it counts as asymmetric. */
    private static double relative(double shape, double colour) {
        return Math.max(shape / SHAPE_THRESHOLD, colour / COLOUR_THRESHOLD);
    }

    /** Lesion pixels whose mirror image across the axis at {@code theta} (display convention) is skin. */
    private static int unmirrored(LesionGrid g, int[] xs, int[] ys, double cx, double cy, double theta) {
        double ux = Math.cos(theta);
        double uy = Math.sin(theta);
        int count = 0;
        for (int i = 0; i < xs.length; i++) {
            double dx = xs[i] - cx;
            double dy = cy - ys[i];
            double along = dx * ux + dy * uy;
            int mx = (int) Math.round(cx + 2 * along * ux - dx);
            int my = (int) Math.round(cy - (2 * along * uy - dy));
            if (mx < 0 || my < 0 || mx >= g.width || my >= g.height || g.lesion[my * g.width + mx] == 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * ΔE between the mean colours of the two halves, for every axis: the lesion's colour summed in
     * angular bins once, each half then the sum of half the bins.
     */
    private static double[] colourAsymmetry(LesionGrid g, double cx, double cy) {
        double[][] sums = new double[BINS][4];
        float[] l = g.lab.l();
        float[] a = g.lab.a();
        float[] b = g.lab.b();
        for (int y = 0; y < g.height; y++) {
            for (int x = 0; x < g.width; x++) {
                int i = y * g.width + x;
                if (g.lesion[i] == 0 || (x == cx && y == cy)) {
                    continue;
                }
                double bins = turn(x - cx, cy - y) * BINS;
                int bin = (int) Math.floor(bins) % BINS;
                if (bins == Math.floor(bins)) {
                    // On an axis: half on each side, so that it weighs on neither.
                    accumulate(sums[bin], 0.5, l[i], a[i], b[i]);
                    accumulate(sums[(bin + BINS - 1) % BINS], 0.5, l[i], a[i], b[i]);
                } else {
                    accumulate(sums[bin], 1, l[i], a[i], b[i]);
                }
            }
        }
        double[] out = new double[AXES];
        for (int k = 0; k < AXES; k++) {
            double[] left = new double[4];
            double[] right = new double[4];
            for (int j = 0; j < AXES; j++) {
                add(left, sums[(k + j) % BINS]);
                add(right, sums[(k + AXES + j) % BINS]);
            }
            out[k] = left[0] == 0 || right[0] == 0 ? 0 : Math.sqrt(square(left[1] / left[0] - right[1] / right[0])
                    + square(left[2] / left[0] - right[2] / right[0]) + square(left[3] / left[0] - right[3] / right[0]));
        }
        return out;
    }

    /** The direction {@code (dx, dy)}, y pointing up, as a fraction of a full turn from the x axis, in [0, 1). */
    private static double turn(double dx, double dy) {
        double t = Math.atan2(dy, dx) / (2 * Math.PI);
        return t < 0 ? t + 1 : t;
    }

    private static void accumulate(double[] into, double weight, double l, double a, double b) {
        into[0] += weight;
        into[1] += weight * l;
        into[2] += weight * a;
        into[3] += weight * b;
    }

    private static void add(double[] into, double[] s) {
        for (int i = 0; i < into.length; i++) {
            into[i] += s[i];
        }
    }

    private static double square(double v) {
        return v * v;
    }
}
