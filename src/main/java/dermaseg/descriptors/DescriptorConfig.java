package dermaseg.descriptors;

import java.io.Serializable;

/**
 * What the lesion descriptors can be told: how fine a grid they are measured on, and the size of
 * a pixel when it is known. The thresholds of the scores are fixed and documented where they are
 * used ({@link Asymmetry}, {@link Border}, {@link DermoscopicColour}, {@link Colours}): a run
 * that changed them would give scores that mean something else under the same name.
 */
public final class DescriptorConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Longer side of the grid the lesion (with a margin of skin) is resampled to, at most. */
    private final int gridMaxSide;
    /** Millimetres per pixel of the original image, or null when not known. */
    private final Double pixelSpacingMm;

    private DescriptorConfig(Builder b) {
        if (b.gridMaxSide < 32) {
            throw new IllegalArgumentException("gridMaxSide must be at least 32, got " + b.gridMaxSide);
        }
        if (b.pixelSpacingMm != null && !(b.pixelSpacingMm > 0 && Double.isFinite(b.pixelSpacingMm))) {
            throw new IllegalArgumentException("pixelSpacingMm must be positive, got " + b.pixelSpacingMm);
        }
        this.gridMaxSide = b.gridMaxSide;
        this.pixelSpacingMm = b.pixelSpacingMm;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DescriptorConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().gridMaxSide(gridMaxSide).pixelSpacingMm(pixelSpacingMm);
    }

    public int gridMaxSide() {
        return gridMaxSide;
    }

    /** Millimetres per original pixel, or null. */
    public Double pixelSpacingMm() {
        return pixelSpacingMm;
    }

    /**
     * Builder; defaults: a grid of at most 256 pixels a side (fine enough for borders and colours,
     * and a few milliseconds however large the image), no pixel spacing.
     */
    public static final class Builder {
        private int gridMaxSide = 256;
        private Double pixelSpacingMm;

        private Builder() {
        }

        public Builder gridMaxSide(int v) {
            this.gridMaxSide = v;
            return this;
        }

        /** Millimetres per original pixel; null: unknown, so no diameter in millimetres. */
        public Builder pixelSpacingMm(Double v) {
            this.pixelSpacingMm = v;
            return this;
        }

        public DescriptorConfig build() {
            return new DescriptorConfig(this);
        }
    }
}
