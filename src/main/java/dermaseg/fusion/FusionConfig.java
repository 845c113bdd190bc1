package dermaseg.fusion;

import java.io.Serializable;

/**
 * How the global (FCN) and local (superpixel) maps are combined and binarised.
 *
 * <p>The weight is chosen per model on validation data by the {@code tune} command and stored
 * in the model card; the default here applies only when a card carries none.
 */
public final class FusionConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Weight {@code w} of the FCN map in {@code S = w·P_g + (1−w)·P_l}. */
    private final double globalWeight;
    /** Keep only the largest connected lesion region (dermoscopy images show one lesion). */
    private final boolean keepLargestComponent;
    /** Fill holes inside the lesion (regression areas and glare are still lesion). */
    private final boolean fillHoles;

    private FusionConfig(Builder b) {
        if (b.globalWeight < 0 || b.globalWeight > 1) {
            throw new IllegalArgumentException("globalWeight must be in [0, 1], got " + b.globalWeight);
        }
        this.globalWeight = b.globalWeight;
        this.keepLargestComponent = b.keepLargestComponent;
        this.fillHoles = b.fillHoles;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().globalWeight(globalWeight).keepLargestComponent(keepLargestComponent)
                .fillHoles(fillHoles);
    }

    public double globalWeight() {
        return globalWeight;
    }

    public boolean keepLargestComponent() {
        return keepLargestComponent;
    }

    public boolean fillHoles() {
        return fillHoles;
    }

    /** Builder; defaults (the shipped model's): w = 0.7, largest component kept, holes filled. */
    public static final class Builder {
        private double globalWeight = 0.7;
        private boolean keepLargestComponent = true;
        private boolean fillHoles = true;

        private Builder() {
        }

        public Builder globalWeight(double v) {
            this.globalWeight = v;
            return this;
        }

        public Builder keepLargestComponent(boolean v) {
            this.keepLargestComponent = v;
            return this;
        }

        public Builder fillHoles(boolean v) {
            this.fillHoles = v;
            return this;
        }

        public FusionConfig build() {
            return new FusionConfig(this);
        }
    }
}
