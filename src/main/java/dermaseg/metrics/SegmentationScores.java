package dermaseg.metrics;

/**
 * The ISIC 2018 lesion-segmentation scores, each in [0, 1]. {@link #of} gives one image's (or one
 * pool of pixels') scores from its counts; {@link MetricSummary#meanOverImages} gives a record of
 * per-image means.
 *
 * <ul>
 *   <li>Jaccard (intersection over union) {@code tp / (tp + fp + fn)}</li>
 *   <li>thresholded Jaccard: the Jaccard index, or 0 where it is below
 *       {@value #ISIC_JACCARD_THRESHOLD} (the ISIC 2018 ranking score, which counts a poor
 *       segmentation as a failure rather than as partial credit)</li>
 *   <li>Dice {@code 2tp / (2tp + fp + fn)}</li>
 *   <li>sensitivity {@code tp / (tp + fn)}</li>
 *   <li>specificity {@code tn / (tn + fp)}</li>
 *   <li>accuracy {@code (tp + tn) / total}</li>
 * </ul>
 *
 * <p>Degenerate cases: a ratio whose denominator is zero has no pixel that could be got wrong,
 * and scores 1. So when both masks are empty, Jaccard and Dice are 1 (a correct "no lesion");
 * when the ground truth is empty, sensitivity is 1 (and any false positive shows in Jaccard,
 * Dice and specificity); when the ground truth covers the whole image, specificity is 1. This
 * keeps every score defined, so means over images never meet a NaN.
 */
public record SegmentationScores(
        double jaccard,
        double thresholdedJaccard,
        double dice,
        double sensitivity,
        double specificity,
        double accuracy) {

    public static final double ISIC_JACCARD_THRESHOLD = 0.65;

    public SegmentationScores {
        requireUnit("jaccard", jaccard);
        requireUnit("thresholdedJaccard", thresholdedJaccard);
        requireUnit("dice", dice);
        requireUnit("sensitivity", sensitivity);
        requireUnit("specificity", specificity);
        requireUnit("accuracy", accuracy);
    }

    public static SegmentationScores of(ConfusionCounts c) {
        double jaccard = ratio(c.tp(), c.tp() + c.fp() + c.fn());
        return new SegmentationScores(
                jaccard,
                thresholdJaccard(jaccard),
                ratio(2 * c.tp(), 2 * c.tp() + c.fp() + c.fn()),
                ratio(c.tp(), c.tp() + c.fn()),
                ratio(c.tn(), c.tn() + c.fp()),
                ratio(c.tp() + c.tn(), c.total()));
    }

    /** {@code jaccard} if at least {@value #ISIC_JACCARD_THRESHOLD}, else 0. */
    public static double thresholdJaccard(double jaccard) {
        return jaccard >= ISIC_JACCARD_THRESHOLD ? jaccard : 0;
    }

    // One division, so that exact fractions such as 13/20 come out as the nearest double.
    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 1 : (double) numerator / denominator;
    }

    private static void requireUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
