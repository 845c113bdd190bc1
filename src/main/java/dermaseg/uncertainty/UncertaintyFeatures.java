package dermaseg.uncertainty;

import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;

/**
 * The signals of a wrong segmentation that the pipeline already has, measured at analysis
 * resolution. Two enter the fitted score ({@link UncertaintyModel}); the other two only guard
 * against inputs that validation data cannot teach (frames that are not dermoscopy images).
 *
 * <p>Chosen on isic2017/val from fifteen candidates by five-fold cross-validated Spearman
 * correlation with {@code 1 − Jaccard} (README, "Uncertainty"): the border's closeness to the
 * Otsu threshold, the FCN's uncertain band, its entropy, the lesion touching the frame, the
 * colour contrast and Otsu's separability each added nothing over these two, or were collinear
 * with them and took weights of the wrong sign.
 *
 * @param fcnDoubt        1 − the mean FCN probability over the fused mask: how far the network
 *                        is from sure of the lesion it is credited with (1 when there is none)
 * @param mapDisagreement 1 − the soft Jaccard of the FCN map {@code P_g} and the superpixel map
 *                        {@code P_l}, Σmin / Σmax over every pixel: the two halves of the method
 *                        see different lesions (1 when both maps are empty)
 * @param imageContrast   the largest per-channel standard deviation of the analysis image, in
 *                        8-bit levels (dermoscopy images in isic2017 have 9 to 77)
 * @param lesionFraction  the fused mask's share of the image
 * @param viewDisagreement 1 − the soft Jaccard of the FCN's test-time views, Σ min over views /
 *                        Σ max over views per pixel, each view's map turned back first: how much
 *                        the network's answer depends on the image's orientation; NaN when the
 *                        FCN ran one view
 */
public record UncertaintyFeatures(double fcnDoubt, double mapDisagreement, double imageContrast,
        double lesionFraction, double viewDisagreement) {

    /** Without test-time views: no view disagreement measured. */
    public UncertaintyFeatures(double fcnDoubt, double mapDisagreement, double imageContrast, double lesionFraction) {
        this(fcnDoubt, mapDisagreement, imageContrast, lesionFraction, Double.NaN);
    }

    /** Whether the FCN's test-time views were there to disagree. */
    public boolean hasViews() {
        return !Double.isNaN(viewDisagreement);
    }

    /**
     * Measures one image. {@code mask} is the final mask taken to the maps' size; {@code bgr} the
     * analysis image, 3 bytes per pixel.
     */
    public static UncertaintyFeatures measure(FloatMap global, FloatMap local, BinaryMask mask, byte[] bgr) {
        return measure(global, local, mask, bgr, Double.NaN);
    }

    /** The same, with the test-time views' disagreement that the FCN stage measured (NaN: none). */
    public static UncertaintyFeatures measure(FloatMap global, FloatMap local, BinaryMask mask, byte[] bgr,
            double viewDisagreement) {
        float[] g = global.data();
        float[] l = local.data();
        byte[] m = mask.pixels();
        if (l.length != g.length || m.length != g.length || bgr.length != 3 * g.length) {
            throw new IllegalArgumentException("maps, mask and image must have one size");
        }
        long area = 0;
        double insideProbability = 0;
        double overlap = 0;
        double union = 0;
        for (int i = 0; i < g.length; i++) {
            if (m[i] != 0) {
                area++;
                insideProbability += g[i];
            }
            overlap += Math.min(g[i], l[i]);
            union += Math.max(g[i], l[i]);
        }
        return new UncertaintyFeatures(
                area == 0 ? 1.0 : 1.0 - insideProbability / area,
                union == 0 ? 1.0 : 1.0 - overlap / union,
                largestChannelDeviation(bgr),
                (double) area / g.length,
                viewDisagreement);
    }

    private static double largestChannelDeviation(byte[] bgr) {
        double largest = 0;
        int n = bgr.length / 3;
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            for (int i = c; i < bgr.length; i += 3) {
                double v = bgr[i] & 0xff;
                sum += v;
                squares += v * v;
            }
            double mean = sum / n;
            largest = Math.max(largest, Math.sqrt(Math.max(0, squares / n - mean * mean)));
        }
        return largest;
    }
}
