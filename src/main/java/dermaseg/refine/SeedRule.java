package dermaseg.refine;

/** How confident superpixels are picked from their mean FCN probability. */
public enum SeedRule {
    /**
     * Lesion if the mean is at least the high threshold, skin if at most the low one; the rest are
     * left to propagation. The default: only superpixels the FCN is sure of vote.
     */
    THRESHOLDS,
    /**
     * Lesion if the mean is above the mean of all superpixel means, skin otherwise: every
     * superpixel is a seed (the simplest reading of Bozorgtabar et al.).
     */
    MEAN_OF_MEANS,
    /**
     * No hard seeds: every superpixel queries both classes, weighted by its mean FCN probability
     * and its complement. Ranking then smooths the FCN's belief along colour-similar regions and
     * stops at colour edges: the graph regularisation reading of the method.
     */
    SOFT
}
