package dermaseg.metrics;

import java.io.Serializable;

/**
 * Scores over a set of images, built one image at a time ({@link #add}) or by merging partial
 * summaries ({@link #plus}), as a Spark aggregation does per partition and then across them.
 * Immutable. It keeps both aggregates described in the package documentation: sums of per-image
 * scores for {@link #meanOverImages}, and summed counts for {@link #pooled}.
 */
public final class MetricSummary implements Serializable {
    private static final MetricSummary EMPTY = new MetricSummary(0, 0, 0, 0, 0, 0, 0, ConfusionCounts.ZERO);

    private final long images;
    private final double jaccardSum;
    private final double thresholdedJaccardSum;
    private final double diceSum;
    private final double sensitivitySum;
    private final double specificitySum;
    private final double accuracySum;
    private final ConfusionCounts pooledCounts;

    private MetricSummary(long images, double jaccardSum, double thresholdedJaccardSum, double diceSum,
            double sensitivitySum, double specificitySum, double accuracySum, ConfusionCounts pooledCounts) {
        this.images = images;
        this.jaccardSum = jaccardSum;
        this.thresholdedJaccardSum = thresholdedJaccardSum;
        this.diceSum = diceSum;
        this.sensitivitySum = sensitivitySum;
        this.specificitySum = specificitySum;
        this.accuracySum = accuracySum;
        this.pooledCounts = pooledCounts;
    }

    public static MetricSummary empty() {
        return EMPTY;
    }

    /** The summary of images given by their per-image counts. */
    public static MetricSummary of(Iterable<ConfusionCounts> perImage) {
        MetricSummary s = EMPTY;
        for (ConfusionCounts c : perImage) {
            s = s.add(c);
        }
        return s;
    }

    /** This summary with one more image. */
    public MetricSummary add(ConfusionCounts image) {
        SegmentationScores s = SegmentationScores.of(image);
        return new MetricSummary(images + 1,
                jaccardSum + s.jaccard(),
                thresholdedJaccardSum + s.thresholdedJaccard(),
                diceSum + s.dice(),
                sensitivitySum + s.sensitivity(),
                specificitySum + s.specificity(),
                accuracySum + s.accuracy(),
                pooledCounts.plus(image));
    }

    /** The summary of the images of both. */
    public MetricSummary plus(MetricSummary other) {
        return new MetricSummary(images + other.images,
                jaccardSum + other.jaccardSum,
                thresholdedJaccardSum + other.thresholdedJaccardSum,
                diceSum + other.diceSum,
                sensitivitySum + other.sensitivitySum,
                specificitySum + other.specificitySum,
                accuracySum + other.accuracySum,
                pooledCounts.plus(other.pooledCounts));
    }

    public long images() {
        return images;
    }

    /**
     * Each score averaged over images, every image weighing the same: what ISIC reports. Its
     * {@code thresholdedJaccard} is the mean of per-image thresholded values (the ISIC 2018
     * score), not the threshold applied to the mean Jaccard.
     */
    public SegmentationScores meanOverImages() {
        requireImages();
        return new SegmentationScores(
                mean(jaccardSum),
                mean(thresholdedJaccardSum),
                mean(diceSum),
                mean(sensitivitySum),
                mean(specificitySum),
                mean(accuracySum));
    }

    /** Scores of all pixels of all images counted together, every pixel weighing the same. */
    public SegmentationScores pooled() {
        requireImages();
        return SegmentationScores.of(pooledCounts);
    }

    /** The summed counts of all images. */
    public ConfusionCounts pooledCounts() {
        return pooledCounts;
    }

    private double mean(double sum) {
        return sum / images;
    }

    private void requireImages() {
        if (images == 0) {
            throw new IllegalStateException("no images summarised");
        }
    }
}
