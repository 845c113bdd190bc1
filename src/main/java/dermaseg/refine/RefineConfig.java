package dermaseg.refine;

import java.io.Serializable;

/**
 * Settings of the superpixel fine-tuning. Defaults were chosen on the validation split
 * ({@code isic2017/val}); see README, "Choosing the stage settings".
 */
public final class RefineConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** FCN probability above which a pixel belongs to the coarse lesion region. */
    private final double regionThreshold;
    /** ROI margin around the coarse lesion, as a fraction of its equivalent-circle radius. */
    private final double marginFraction;
    /** Smallest ROI margin in pixels, so that small lesions still get a ring of skin. */
    private final int minMarginPixels;
    /** Superpixels to cover the ROI's bounding box: their size follows the lesion's. */
    private final int superpixels;
    /** Smallest mean superpixel area in pixels; caps the count for tiny ROIs. */
    private final int minSuperpixelArea;
    /** SLIC compactness (Lab units): higher is more regular, lower follows colour more. */
    private final double compactness;
    private final SeedRule seedRule;
    /** Mean FCN probability at or above which a superpixel is a lesion seed. */
    private final double lesionSeedThreshold;
    /** Mean FCN probability at or below which a superpixel is a skin seed. */
    private final double skinSeedThreshold;
    /** Affinity bandwidth: {@code σ² = κ · mean over edges of ‖c_i − c_j‖²}. */
    private final double sigmaScale;
    /** Manifold-ranking spread, in (0, 1). */
    private final double alpha;
    /** Also join neighbours of neighbours. */
    private final boolean twoHop;
    /** Seeds keep their label in the local map instead of their ranking score. */
    private final boolean clampSeeds;

    private RefineConfig(Builder b) {
        this.regionThreshold = b.regionThreshold;
        this.marginFraction = b.marginFraction;
        this.minMarginPixels = b.minMarginPixels;
        this.superpixels = b.superpixels;
        this.minSuperpixelArea = b.minSuperpixelArea;
        this.compactness = b.compactness;
        this.seedRule = b.seedRule;
        this.lesionSeedThreshold = b.lesionSeedThreshold;
        this.skinSeedThreshold = b.skinSeedThreshold;
        this.sigmaScale = b.sigmaScale;
        this.alpha = b.alpha;
        this.twoHop = b.twoHop;
        this.clampSeeds = b.clampSeeds;
        if (skinSeedThreshold >= lesionSeedThreshold) {
            throw new IllegalArgumentException("skin seed threshold must be below the lesion one");
        }
        if (alpha <= 0 || alpha >= 1) {
            throw new IllegalArgumentException("alpha must be in (0, 1)");
        }
        if (superpixels < 2 || sigmaScale <= 0 || marginFraction < 0 || minSuperpixelArea < 1) {
            throw new IllegalArgumentException("invalid refine settings");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().regionThreshold(regionThreshold).marginFraction(marginFraction)
                .minMarginPixels(minMarginPixels).superpixels(superpixels)
                .minSuperpixelArea(minSuperpixelArea).compactness(compactness).seedRule(seedRule)
                .lesionSeedThreshold(lesionSeedThreshold).skinSeedThreshold(skinSeedThreshold)
                .sigmaScale(sigmaScale).alpha(alpha).twoHop(twoHop).clampSeeds(clampSeeds);
    }

    public double regionThreshold() {
        return regionThreshold;
    }

    public double marginFraction() {
        return marginFraction;
    }

    public int minMarginPixels() {
        return minMarginPixels;
    }

    public int superpixels() {
        return superpixels;
    }

    public int minSuperpixelArea() {
        return minSuperpixelArea;
    }

    public double compactness() {
        return compactness;
    }

    public SeedRule seedRule() {
        return seedRule;
    }

    public double lesionSeedThreshold() {
        return lesionSeedThreshold;
    }

    public double skinSeedThreshold() {
        return skinSeedThreshold;
    }

    public double sigmaScale() {
        return sigmaScale;
    }

    public double alpha() {
        return alpha;
    }

    public boolean twoHop() {
        return twoHop;
    }

    public boolean clampSeeds() {
        return clampSeeds;
    }

    /** Builder with the defaults documented on each field. */
    public static final class Builder {
        private double regionThreshold = 0.5;
        private double marginFraction = 0.5;
        private int minMarginPixels = 8;
        private int superpixels = 300;
        private int minSuperpixelArea = 24;
        private double compactness = 10;
        private SeedRule seedRule = SeedRule.THRESHOLDS;
        private double lesionSeedThreshold = 0.8;
        private double skinSeedThreshold = 0.2;
        private double sigmaScale = 0.5;
        private double alpha = 0.9;
        private boolean twoHop = false;
        private boolean clampSeeds = true;

        private Builder() {
        }

        public Builder regionThreshold(double v) {
            this.regionThreshold = v;
            return this;
        }

        public Builder marginFraction(double v) {
            this.marginFraction = v;
            return this;
        }

        public Builder minMarginPixels(int v) {
            this.minMarginPixels = v;
            return this;
        }

        public Builder superpixels(int v) {
            this.superpixels = v;
            return this;
        }

        public Builder minSuperpixelArea(int v) {
            this.minSuperpixelArea = v;
            return this;
        }

        public Builder compactness(double v) {
            this.compactness = v;
            return this;
        }

        public Builder seedRule(SeedRule v) {
            this.seedRule = v;
            return this;
        }

        public Builder lesionSeedThreshold(double v) {
            this.lesionSeedThreshold = v;
            return this;
        }

        public Builder skinSeedThreshold(double v) {
            this.skinSeedThreshold = v;
            return this;
        }

        public Builder sigmaScale(double v) {
            this.sigmaScale = v;
            return this;
        }

        public Builder alpha(double v) {
            this.alpha = v;
            return this;
        }

        public Builder twoHop(boolean v) {
            this.twoHop = v;
            return this;
        }

        public Builder clampSeeds(boolean v) {
            this.clampSeeds = v;
            return this;
        }

        public RefineConfig build() {
            return new RefineConfig(this);
        }
    }
}
