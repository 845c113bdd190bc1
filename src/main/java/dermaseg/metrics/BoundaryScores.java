package dermaseg.metrics;

import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import java.util.Arrays;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * How far a predicted border lies from the ground truth's, in pixels of the masks' resolution:
 * the scores that overlap (Jaccard, Dice) barely feel, since a border a few pixels off costs a
 * large lesion little area.
 *
 * <ul>
 *   <li>{@code hd95}: the 95th-percentile Hausdorff distance, the larger of the two directed
 *       95th percentiles (each predicted border pixel's distance to the nearest ground-truth
 *       border pixel, and the other way round), percentiles interpolated linearly between
 *       ranks. The 95th rather than the maximum, so that one stray pixel does not decide it.
 *       (Some tools take the percentile of both directions pooled instead; this is the
 *       convention of MONAI's {@code compute_hausdorff_distance}.)</li>
 *   <li>{@code assd}: the average symmetric surface distance, the mean of those distances over
 *       the border pixels of both masks together (Heimann et al., IEEE TMI 28(8), 2009).</li>
 *   <li>{@code boundaryF}: the boundary F-score of Csurka, Larlus and Perronnin (BMVC 2013):
 *       precision is the share of predicted border pixels within the tolerance of the ground
 *       truth's border, recall the share of ground-truth border pixels within the tolerance of
 *       the predicted one, F their harmonic mean; the tolerance is {@value #F_TOLERANCE_OF_DIAGONAL}
 *       of the image diagonal, as there.</li>
 * </ul>
 *
 * <p>A border pixel is a lesion pixel with a 4-neighbour that is not lesion, pixels outside the
 * image counting as skin (so a lesion cut by the image edge has a border along it). Distances are
 * exact Euclidean distances between pixel centres (OpenCV's precise distance transform of each
 * mask's border, computed over the bounding box of both lesions only: every border pixel lies
 * inside it, so the distances are the same as over the whole image, at the cost of the lesions'
 * size rather than the image's).
 *
 * <p>Empty masks, where a border distance has no border to be measured to: when both masks are
 * empty the prediction is right (a correct "no lesion", as Jaccard 1 says), so {@code hd95 = assd =
 * 0} and {@code boundaryF = 1}; when exactly one is empty, a lesion was missed or invented, so
 * the distances are the image diagonal, the worst any prediction can do, and {@code boundaryF = 0}.
 * Every score stays defined, so means over images never meet a NaN and never drop the failures.
 *
 * @param hd95      pixels
 * @param assd      pixels
 * @param boundaryF in [0, 1]
 * @param diagonal  the image diagonal in pixels, what the {@code …OfDiagonal} fractions divide by
 */
public record BoundaryScores(double hd95, double assd, double boundaryF, double diagonal) {
    /** Boundary F's tolerance as a fraction of the image diagonal (Csurka et al. 2013). */
    public static final double F_TOLERANCE_OF_DIAGONAL = 0.0075;

    private static final double PERCENTILE = 95;

    public BoundaryScores {
        if (!(hd95 >= 0) || !(assd >= 0) || !(diagonal > 0)) {
            throw new IllegalArgumentException("distances must be non-negative and the diagonal positive: hd95="
                    + hd95 + ", assd=" + assd + ", diagonal=" + diagonal);
        }
        if (!(boundaryF >= 0 && boundaryF <= 1)) {
            throw new IllegalArgumentException("boundaryF must be in [0, 1], got " + boundaryF);
        }
    }

    public double hd95OfDiagonal() {
        return hd95 / diagonal;
    }

    public double assdOfDiagonal() {
        return assd / diagonal;
    }

    /** Compares two masks of the same size. */
    public static BoundaryScores of(BinaryMask predicted, BinaryMask truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("predicted mask is " + predicted.width() + "x" + predicted.height()
                    + " but ground truth is " + truth.width() + "x" + truth.height());
        }
        double diagonal = Math.hypot(predicted.width(), predicted.height());
        int[] p = predicted.boundingBox();
        int[] t = truth.boundingBox();
        boolean noPrediction = p[2] == 0;
        boolean noTruth = t[2] == 0;
        if (noPrediction && noTruth) {
            return new BoundaryScores(0, 0, 1, diagonal);
        }
        if (noPrediction || noTruth) {
            return new BoundaryScores(diagonal, diagonal, 0, diagonal);
        }
        int x0 = Math.min(p[0], t[0]);
        int y0 = Math.min(p[1], t[1]);
        int x1 = Math.max(p[0] + p[2], t[0] + t[2]);
        int y1 = Math.max(p[1] + p[3], t[1] + t[3]);
        float[] toTruth;
        float[] toPrediction;
        try (MatHandle predictedBorder = border(predicted, x0, y0, x1, y1);
                MatHandle truthBorder = border(truth, x0, y0, x1, y1);
                MatHandle fromPredicted = distanceToBorder(predictedBorder.mat());
                MatHandle fromTruth = distanceToBorder(truthBorder.mat())) {
            toTruth = sample(fromTruth.mat(), predictedBorder.mat());
            toPrediction = sample(fromPredicted.mat(), truthBorder.mat());
        }
        double tolerance = F_TOLERANCE_OF_DIAGONAL * diagonal;
        double precision = (double) within(toTruth, tolerance) / toTruth.length;
        double recall = (double) within(toPrediction, tolerance) / toPrediction.length;
        double f = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double assd = (sum(toTruth) + sum(toPrediction)) / (toTruth.length + toPrediction.length);
        double hd95 = Math.max(percentile(toTruth, PERCENTILE), percentile(toPrediction, PERCENTILE));
        return new BoundaryScores(hd95, assd, f, diagonal);
    }

    /**
     * The border pixels (255) of {@code mask} inside {@code [x0, x1) × [y0, y1)}, a box that holds
     * the whole lesion: the mask less its erosion by a 4-neighbour cross, eroding from outside the
     * box as from skin.
     */
    private static MatHandle border(BinaryMask mask, int x0, int y0, int x1, int y1) {
        int w = x1 - x0;
        int h = y1 - y0;
        byte[] crop = new byte[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(mask.pixels(), (y0 + y) * mask.width() + x0, crop, y * w, w);
        }
        MatHandle out = MatHandle.allocate(h, w, CvType.CV_8UC1);
        try (MatHandle cross = MatHandle.of(Imgproc.getStructuringElement(Imgproc.MORPH_CROSS, new Size(3, 3)));
                MatHandle eroded = MatHandle.empty()) {
            out.mat().put(0, 0, crop);
            Imgproc.erode(out.mat(), eroded.mat(), cross.mat(), new Point(-1, -1), 1, Core.BORDER_CONSTANT,
                    new Scalar(0));
            Core.subtract(out.mat(), eroded.mat(), out.mat());
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    /** Each pixel's Euclidean distance to the nearest border pixel, {@code CV_32F}. */
    private static MatHandle distanceToBorder(Mat border) {
        try (MatHandle notBorder = MatHandle.empty()) {
            Core.bitwise_not(border, notBorder.mat());
            return MatHandle.filled(d -> Imgproc.distanceTransform(notBorder.mat(), d, Imgproc.DIST_L2,
                    Imgproc.DIST_MASK_PRECISE));
        }
    }

    /** {@code distances} at the pixels set in {@code border}, read a row at a time. */
    private static float[] sample(Mat distances, Mat border) {
        int w = border.cols();
        byte[] borderRow = new byte[w];
        float[] distanceRow = new float[w];
        float[] out = new float[64];
        int n = 0;
        for (int y = 0; y < border.rows(); y++) {
            border.get(y, 0, borderRow);
            distances.get(y, 0, distanceRow);
            for (int x = 0; x < w; x++) {
                if (borderRow[x] != 0) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, 2 * n);
                    }
                    out[n++] = distanceRow[x];
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long within(float[] distances, double tolerance) {
        long n = 0;
        for (float d : distances) {
            if (d <= tolerance) {
                n++;
            }
        }
        return n;
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    /** The {@code p}-th percentile, linear between the ranks around it (numpy's default). */
    static double percentile(float[] values, double p) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
