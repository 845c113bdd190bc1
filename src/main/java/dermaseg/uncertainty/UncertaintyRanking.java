package dermaseg.uncertainty;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well a score ranks images by how wrong their segmentation is: Spearman's ρ between the
 * score and {@code 1 − Jaccard}, and the mean Jaccard of the {@link #TOP_SHARE} highest-scored
 * images against that of the rest. These are the figures issue 10 set the bar with (ρ ≥ 0.6, and
 * the top tenth at least 0.2 below the rest).
 *
 * @param images           images ranked
 * @param spearman         Spearman's ρ(score, 1 − Jaccard); NaN with fewer than 3 images
 * @param topCount         images in the most uncertain share (at least 1)
 * @param topMeanJaccard   their mean Jaccard
 * @param restMeanJaccard  the others' mean Jaccard; NaN when there are none
 */
public record UncertaintyRanking(int images, double spearman, int topCount, double topMeanJaccard,
        double restMeanJaccard) {
    /** The share of most uncertain images compared with the rest. */
    public static final double TOP_SHARE = 0.10;

    /** Ranks {@code scores} against {@code jaccards}, element by element; ties keep input order. */
    public static UncertaintyRanking of(double[] scores, double[] jaccards) {
        int n = scores.length;
        if (jaccards.length != n || n == 0) {
            throw new IllegalArgumentException("need one Jaccard per score, and at least one image");
        }
        double[] errors = Arrays.stream(jaccards).map(j -> 1 - j).toArray();
        double rho = n < 3 ? Double.NaN : new SpearmansCorrelation().correlation(scores, errors);
        Integer[] order = IntStream.range(0, n).boxed().sorted(
                Comparator.comparingDouble((Integer i) -> scores[i]).reversed()).toArray(Integer[]::new);
        int top = Math.max(1, (int) Math.round(n * TOP_SHARE));
        double topSum = 0;
        double restSum = 0;
        for (int r = 0; r < n; r++) {
            if (r < top) {
                topSum += jaccards[order[r]];
            } else {
                restSum += jaccards[order[r]];
            }
        }
        return new UncertaintyRanking(n, rho, top, topSum / top, n > top ? restSum / (n - top) : Double.NaN);
    }

    /** How far the most uncertain images' mean Jaccard lies below the rest's. */
    public double gap() {
        return restMeanJaccard - topMeanJaccard;
    }
}
