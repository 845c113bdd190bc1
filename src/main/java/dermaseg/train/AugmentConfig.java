package dermaseg.train;

/**
 * Training-time augmentation ranges. Defaults follow Bozorgtabar et al. (rotations about the
 * lesion centroid) plus the usual flips, scale and colour jitter that a from-scratch network needs
 * to generalise beyond some two thousand training images.
 *
 * <p>Brightness and contrast jitter are nearly inert: the network input is standardised per image
 * and channel, which cancels a global brightness or contrast change except where pixels clip at
 * 0 or 255. Saturation and hue jitter do change the input. See {@link Augmenter}.
 */
public final class AugmentConfig {
    /** Rotation about the lesion centroid is drawn uniformly from ±this many degrees (180 = any). */
    private final double maxRotationDegrees;
    /** Isotropic scale about the centroid drawn from [1 − s, 1 + s]. */
    private final double scaleJitter;
    /** Probability of each of the horizontal and vertical flips. */
    private final double flipProbability;
    /** Brightness offset drawn from ±this fraction of the 8-bit range; acts only through clipping. */
    private final double brightnessJitter;
    /** Contrast factor drawn from [1 − c, 1 + c]; acts only through clipping. */
    private final double contrastJitter;
    /** Saturation factor drawn from [1 − s, 1 + s]. */
    private final double saturationJitter;
    /** Hue shift drawn from ±this many degrees. */
    private final double hueJitterDegrees;

    private AugmentConfig(Builder b) {
        this.maxRotationDegrees = b.maxRotationDegrees;
        this.scaleJitter = b.scaleJitter;
        this.flipProbability = b.flipProbability;
        this.brightnessJitter = b.brightnessJitter;
        this.contrastJitter = b.contrastJitter;
        this.saturationJitter = b.saturationJitter;
        this.hueJitterDegrees = b.hueJitterDegrees;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No augmentation at all: the sample is only resized. */
    public static AugmentConfig none() {
        return builder().maxRotationDegrees(0).scaleJitter(0).flipProbability(0)
                .brightnessJitter(0).contrastJitter(0).saturationJitter(0).hueJitterDegrees(0)
                .build();
    }

    public double maxRotationDegrees() {
        return maxRotationDegrees;
    }

    public double scaleJitter() {
        return scaleJitter;
    }

    public double flipProbability() {
        return flipProbability;
    }

    public double brightnessJitter() {
        return brightnessJitter;
    }

    public double contrastJitter() {
        return contrastJitter;
    }

    public double saturationJitter() {
        return saturationJitter;
    }

    public double hueJitterDegrees() {
        return hueJitterDegrees;
    }

    /** Builder with the defaults used to train the shipped model. */
    public static final class Builder {
        private double maxRotationDegrees = 180;
        private double scaleJitter = 0.2;
        private double flipProbability = 0.5;
        private double brightnessJitter = 0.1;
        private double contrastJitter = 0.2;
        private double saturationJitter = 0.2;
        private double hueJitterDegrees = 8;

        private Builder() {
        }

        public Builder maxRotationDegrees(double v) {
            this.maxRotationDegrees = v;
            return this;
        }

        public Builder scaleJitter(double v) {
            this.scaleJitter = v;
            return this;
        }

        public Builder flipProbability(double v) {
            this.flipProbability = v;
            return this;
        }

        public Builder brightnessJitter(double v) {
            this.brightnessJitter = v;
            return this;
        }

        public Builder contrastJitter(double v) {
            this.contrastJitter = v;
            return this;
        }

        public Builder saturationJitter(double v) {
            this.saturationJitter = v;
            return this;
        }

        public Builder hueJitterDegrees(double v) {
            this.hueJitterDegrees = v;
            return this;
        }

        public AugmentConfig build() {
            return new AugmentConfig(this);
        }
    }
}
