package dermaseg.uncertainty;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A per-image uncertainty score in [0, 1], high when the segmentation is likely wrong: a
 * logistic model of {@code 1 − Jaccard} on the logarithms of the {@link #FEATURES}, fitted per
 * model on validation data ({@link UncertaintyFit}) and stored in the model card, under guards
 * that give 1 to what validation data never shows.
 *
 * <p>The fit is a quasi-binomial logistic regression (Papke and Wooldridge, J. Appl. Econometrics
 * 11, 1996: a logistic mean for a fractional response): its output estimates the expected
 * {@code 1 − Jaccard} itself, so a score of 0.3 means "about a third of the lesion is likely
 * wrong", and it is monotone in each feature, which a ranking for annotation needs. Logarithms,
 * because both features are skewed over two orders of magnitude; standardised so that the ridge
 * penalty treats them alike.
 *
 * <p>The guards, each giving 1: no lesion at all; a frame whose largest channel deviation is
 * below {@link #MIN_CONTRAST} levels (isic2017's dermoscopy images have 9 or more; below 2 the
 * decoder already refuses the image as blank); a "lesion" over {@link #MAX_LESION_FRACTION} of
 * the frame, with no skin left to tell it from. None of these occurs in the validation data, so
 * no fit could weigh them: they are rules, and written down as such.
 */
public final class UncertaintyModel implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The features the fit uses, in order: the names the model card records. */
    public static final List<String> FEATURES = List.of("fcn_doubt", "map_disagreement");
    /**
     * The features of a fit on images segmented with test-time views: the two above and the views'
     * disagreement ({@link UncertaintyFeatures#viewDisagreement()}).
     */
    public static final List<String> FEATURES_WITH_VIEWS = List.of("fcn_doubt", "map_disagreement",
            "view_disagreement");
    /** Added before the logarithm, so that a perfect feature (0) stays finite. */
    public static final double LOG_OFFSET = 0.01;
    /** Largest channel deviation (8-bit levels) below which a frame is not a dermoscopy image. */
    public static final double MIN_CONTRAST = 5.0;
    /** Share of the frame above which a "lesion" leaves no skin to be told from. */
    public static final double MAX_LESION_FRACTION = 0.98;

    private final List<String> features;
    private final double intercept;
    private final double[] weights;
    private final double[] means;
    private final double[] scales;

    /**
     * @param intercept the logistic intercept
     * @param weights   one per {@link #FEATURES} entry, on the standardised log feature
     * @param means     the log features' means over the fitting data
     * @param scales    their standard deviations (positive)
     */
    public UncertaintyModel(double intercept, double[] weights, double[] means, double[] scales) {
        this(FEATURES, intercept, weights, means, scales);
    }

    /**
     * @param features {@link #FEATURES} or {@link #FEATURES_WITH_VIEWS}, the order of the arrays
     */
    public UncertaintyModel(List<String> features, double intercept, double[] weights, double[] means,
            double[] scales) {
        if (!features.equals(FEATURES) && !features.equals(FEATURES_WITH_VIEWS)) {
            throw new IllegalArgumentException("an uncertainty model uses " + FEATURES + " or " + FEATURES_WITH_VIEWS
                    + ", not " + features);
        }
        this.features = List.copyOf(features);
        int n = features.size();
        if (weights.length != n || means.length != n || scales.length != n) {
            throw new IllegalArgumentException("an uncertainty model has " + n + " weights, means and scales");
        }
        for (int k = 0; k < n; k++) {
            if (!(scales[k] > 0) || !Double.isFinite(weights[k]) || !Double.isFinite(means[k])) {
                throw new IllegalArgumentException("uncertainty model: bad value for " + features.get(k));
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("uncertainty model: intercept must be finite");
        }
        this.intercept = intercept;
        this.weights = weights.clone();
        this.means = means.clone();
        this.scales = scales.clone();
    }

    /** The fitted features of one image, in the order of {@code features}, before the logarithm. */
    public static double[] fittedFeatures(UncertaintyFeatures f, List<String> features) {
        if (features.size() == FEATURES.size()) {
            return new double[] {f.fcnDoubt(), f.mapDisagreement()};
        }
        if (!f.hasViews()) {
            throw new IllegalArgumentException("this uncertainty model uses the FCN's test-time views' disagreement, "
                    + "and the image was segmented with one view: give it the card's test-time views");
        }
        return new double[] {f.fcnDoubt(), f.mapDisagreement(), f.viewDisagreement()};
    }

    /** The features this model weighs, in order. */
    public List<String> features() {
        return features;
    }

    /** Whether scoring needs the FCN's test-time views. */
    public boolean needsViews() {
        return features.equals(FEATURES_WITH_VIEWS);
    }

    /** The log features a fit and a score share. */
    static double[] logFeatures(double[] raw) {
        double[] z = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            z[k] = Math.log(raw[k] + LOG_OFFSET);
        }
        return z;
    }

    /** The score of one image: a guard's 1, else the logistic model's estimate of 1 − Jaccard. */
    public double score(UncertaintyFeatures f) {
        if (implausible(f)) {
            return 1.0;
        }
        return fitted(fittedFeatures(f, features));
    }

    /** Whether a guard applies: no lesion, a flat frame, or a frame that is all "lesion". */
    public static boolean implausible(UncertaintyFeatures f) {
        return f.lesionFraction() == 0 || f.imageContrast() < MIN_CONTRAST
                || f.lesionFraction() > MAX_LESION_FRACTION;
    }

    /** The logistic part alone, on raw fitted features. */
    double fitted(double[] raw) {
        double[] z = logFeatures(raw);
        double eta = intercept;
        for (int k = 0; k < z.length; k++) {
            eta += weights[k] * (z[k] - means[k]) / scales[k];
        }
        return 1.0 / (1.0 + Math.exp(-eta));
    }

    public double intercept() {
        return intercept;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[] means() {
        return means.clone();
    }

    public double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UncertaintyModel m && features.equals(m.features) && intercept == m.intercept
                && Arrays.equals(weights, m.weights)
                && Arrays.equals(means, m.means) && Arrays.equals(scales, m.scales);
    }

    @Override
    public int hashCode() {
        return Objects.hash(features, intercept, Arrays.hashCode(weights), Arrays.hashCode(means), Arrays.hashCode(scales));
    }
}
