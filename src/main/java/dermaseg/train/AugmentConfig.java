package dermaseg.train;

/**
 * Training-time augmentation ranges. The device augmentations (gamma, blur, JPEG recompression,
 * vignetting, zoom) are off by default, so the shipped recipes train as they did; they are what
 * {@code cross-validate} measures against held-out devices. Defaults follow Bozorgtabar et al. (rotations about the
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
    /** Gamma drawn log-uniformly from [1/(1 + g), 1 + g]; 0 draws none. */
    private final double gammaJitter;
    /** Probability of a Gaussian blur, its σ uniform in (0, {@link #blurMaxSigma}] working-size pixels. */
    private final double blurProbability;
    private final double blurMaxSigma;
    /** Probability of a JPEG recompression, its quality uniform in [{@link #jpegMinQuality}, 95]. */
    private final double jpegProbability;
    private final int jpegMinQuality;
    /** Probability of a vignette, its strength uniform in [0, max] and its fall-off power in [2, 8]. */
    private final double vignetteProbability;
    private final double vignetteMaxStrength;
    /** Zoom about the lesion centroid drawn log-uniformly from [min, max]; 1:1 draws none. */
    private final double zoomMin;
    private final double zoomMax;

    private AugmentConfig(Builder b) {
        this.maxRotationDegrees = b.maxRotationDegrees;
        this.scaleJitter = b.scaleJitter;
        this.flipProbability = b.flipProbability;
        this.brightnessJitter = b.brightnessJitter;
        this.contrastJitter = b.contrastJitter;
        this.saturationJitter = b.saturationJitter;
        this.hueJitterDegrees = b.hueJitterDegrees;
        this.gammaJitter = b.gammaJitter;
        this.blurProbability = b.blurProbability;
        this.blurMaxSigma = b.blurMaxSigma;
        this.jpegProbability = b.jpegProbability;
        this.jpegMinQuality = b.jpegMinQuality;
        this.vignetteProbability = b.vignetteProbability;
        this.vignetteMaxStrength = b.vignetteMaxStrength;
        this.zoomMin = b.zoomMin;
        this.zoomMax = b.zoomMax;
        if (gammaJitter < 0 || blurMaxSigma < 0 || vignetteMaxStrength < 0 || vignetteMaxStrength > 1
                || jpegMinQuality < 1 || jpegMinQuality > 95 || !(zoomMin > 0) || zoomMax < zoomMin
                || !probability(blurProbability) || !probability(jpegProbability)
                || !probability(vignetteProbability)) {
            throw new IllegalArgumentException("augmentation out of range: gamma jitter ≥ 0, blur σ ≥ 0, vignette "
                    + "strength in [0, 1], JPEG quality in [1, 95], 0 < zoom min ≤ max, probabilities in [0, 1]");
        }
    }

    private static boolean probability(double p) {
        return p >= 0 && p <= 1;
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

    public double gammaJitter() {
        return gammaJitter;
    }

    public double blurProbability() {
        return blurProbability;
    }

    public double blurMaxSigma() {
        return blurMaxSigma;
    }

    public double jpegProbability() {
        return jpegProbability;
    }

    public int jpegMinQuality() {
        return jpegMinQuality;
    }

    public double vignetteProbability() {
        return vignetteProbability;
    }

    public double vignetteMaxStrength() {
        return vignetteMaxStrength;
    }

    public double zoomMin() {
        return zoomMin;
    }

    public double zoomMax() {
        return zoomMax;
    }

    /**
     * The settings that decide what training draws, by name, for the checkpoint and the card. The
     * device augmentations are listed only when they are on, so a recipe without them is described
     * (and resumes) exactly as before they existed.
     */
    public java.util.Map<String, Double> asMap() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("maxRotationDegrees", maxRotationDegrees);
        m.put("scaleJitter", scaleJitter);
        m.put("flipProbability", flipProbability);
        m.put("brightnessJitter", brightnessJitter);
        m.put("contrastJitter", contrastJitter);
        m.put("saturationJitter", saturationJitter);
        m.put("hueJitterDegrees", hueJitterDegrees);
        if (gammaJitter > 0) {
            m.put("gammaJitter", gammaJitter);
        }
        if (blurProbability > 0) {
            m.put("blurProbability", blurProbability);
            m.put("blurMaxSigma", blurMaxSigma);
        }
        if (jpegProbability > 0) {
            m.put("jpegProbability", jpegProbability);
            m.put("jpegMinQuality", (double) jpegMinQuality);
        }
        if (vignetteProbability > 0) {
            m.put("vignetteProbability", vignetteProbability);
            m.put("vignetteMaxStrength", vignetteMaxStrength);
        }
        if (zoomMin != 1 || zoomMax != 1) {
            m.put("zoomMin", zoomMin);
            m.put("zoomMax", zoomMax);
        }
        return m;
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
        private double gammaJitter = 0;
        private double blurProbability = 0;
        private double blurMaxSigma = 1.5;
        private double jpegProbability = 0;
        private int jpegMinQuality = 30;
        private double vignetteProbability = 0;
        private double vignetteMaxStrength = 0.8;
        private double zoomMin = 1;
        private double zoomMax = 1;

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

        public Builder gammaJitter(double v) {
            this.gammaJitter = v;
            return this;
        }

        public Builder blur(double probability, double maxSigma) {
            this.blurProbability = probability;
            this.blurMaxSigma = maxSigma;
            return this;
        }

        public Builder jpeg(double probability, int minQuality) {
            this.jpegProbability = probability;
            this.jpegMinQuality = minQuality;
            return this;
        }

        public Builder vignette(double probability, double maxStrength) {
            this.vignetteProbability = probability;
            this.vignetteMaxStrength = maxStrength;
            return this;
        }

        public Builder zoom(double min, double max) {
            this.zoomMin = min;
            this.zoomMax = max;
            return this;
        }

        public AugmentConfig build() {
            return new AugmentConfig(this);
        }
    }
}
