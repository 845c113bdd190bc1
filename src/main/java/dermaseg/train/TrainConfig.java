package dermaseg.train;

import dermaseg.fcn.FcnConfig;
import dermaseg.image.ColourConstancy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of one training run. Defaults are those the shipped model was trained with, except the
 * planned epochs: the default is 30, the shipped model was trained for 24 ({@code --epochs 24}; see
 * README, "The shipped model").
 */
public final class TrainConfig {
    private final FcnConfig fcn;
    private final AugmentConfig augment;
    /** The colour constancy step of every image, in training and in the model's card for inference. */
    private final ColourConstancy colourConstancy;
    /** Planned epochs; the cosine learning-rate schedule spans them. */
    private final int epochs;
    private final int batchSize;
    /** Adam's initial learning rate, decayed by a cosine to {@link #finalLearningRate()}. */
    private final double learningRate;
    private final double finalLearningRate;
    /** Weight of the soft-Dice term added to binary cross-entropy. */
    private final double diceWeight;
    /** Extra cross-entropy weight of pixels near the target's border ({@link BceDiceLoss}); 0: none. */
    private final double borderWeight;
    /** Half-width in working-size pixels of the band that {@link #borderWeight} weighs. */
    private final int borderRadius;
    /**
     * Weight of the deep-supervision heads' mean loss beside the network's ({@link DeepSupervisedFcn});
     * 0: no heads.
     */
    private final double deepSupervisionWeight;
    /** Seeds weight initialisation, shuffling and augmentation: same data, same seed, same model. */
    private final long seed;
    /** Stop when validation Jaccard has not improved for this many epochs. */
    private final int patience;
    /**
     * Wall-clock budget of one run; it stops before an epoch that would not finish inside it, and a
     * resumed run has a budget of its own.
     */
    private final double maxMinutes;

    private TrainConfig(Builder b) {
        this.fcn = b.fcn;
        this.augment = b.augment;
        this.colourConstancy = java.util.Objects.requireNonNull(b.colourConstancy, "colourConstancy");
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.finalLearningRate = b.finalLearningRate;
        this.diceWeight = b.diceWeight;
        this.borderWeight = b.borderWeight;
        this.borderRadius = b.borderRadius;
        this.deepSupervisionWeight = b.deepSupervisionWeight;
        this.seed = b.seed;
        this.patience = b.patience;
        this.maxMinutes = b.maxMinutes;
        if (epochs < 1 || batchSize < 1 || patience < 1 || maxMinutes <= 0) {
            throw new IllegalArgumentException("epochs, batch size, patience and time budget must be positive");
        }
        if (borderWeight < 0 || borderRadius < 1 || deepSupervisionWeight < 0) {
            throw new IllegalArgumentException("border and deep-supervision weights must be at least 0, "
                    + "and the border radius at least 1 pixel");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public FcnConfig fcn() {
        return fcn;
    }

    public AugmentConfig augment() {
        return augment;
    }

    public ColourConstancy colourConstancy() {
        return colourConstancy;
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public double learningRate() {
        return learningRate;
    }

    public double finalLearningRate() {
        return finalLearningRate;
    }

    public double diceWeight() {
        return diceWeight;
    }

    public double borderWeight() {
        return borderWeight;
    }

    public int borderRadius() {
        return borderRadius;
    }

    public double deepSupervisionWeight() {
        return deepSupervisionWeight;
    }

    public long seed() {
        return seed;
    }

    public int patience() {
        return patience;
    }

    public double maxMinutes() {
        return maxMinutes;
    }

    /**
     * Every setting that decides what training computes, by name: all but the time budget, which
     * only decides when a run stops (a run stopped by it continues under another). A checkpoint
     * continues only a run whose settings are these.
     */
    public Map<String, String> determiningSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fcn", fcn.toString());
        augment.asMap().forEach((k, v) -> s.put("augment." + k, Double.toString(v)));
        if (!colourConstancy.isNone()) {
            // Only when on, so that a run made before the step existed still resumes.
            s.put("colourConstancy", colourConstancy.toString());
        }
        s.put("epochs", Integer.toString(epochs));
        s.put("batchSize", Integer.toString(batchSize));
        s.put("learningRate", Double.toString(learningRate));
        s.put("finalLearningRate", Double.toString(finalLearningRate));
        s.put("diceWeight", Double.toString(diceWeight));
        s.put("borderWeight", Double.toString(borderWeight));
        s.put("borderRadius", Integer.toString(borderRadius));
        s.put("deepSupervisionWeight", Double.toString(deepSupervisionWeight));
        s.put("seed", Long.toString(seed));
        s.put("patience", Integer.toString(patience));
        return s;
    }

    /** Builder with the shipped model's settings, but 30 planned epochs where it had 24. */
    public static final class Builder {
        private FcnConfig fcn = FcnConfig.builder().build();
        private AugmentConfig augment = AugmentConfig.builder().build();
        private ColourConstancy colourConstancy = ColourConstancy.none();
        private int epochs = 30;
        private int batchSize = 8;
        private double learningRate = 2e-3;
        private double finalLearningRate = 2e-5;
        private double diceWeight = 1.0;
        private double borderWeight = 0;
        private int borderRadius = 3;
        private double deepSupervisionWeight = 0;
        private long seed = 20171;
        private int patience = 8;
        private double maxMinutes = 90;

        private Builder() {
        }

        public Builder fcn(FcnConfig v) {
            this.fcn = v;
            return this;
        }

        public Builder colourConstancy(ColourConstancy v) {
            this.colourConstancy = v;
            return this;
        }

        public Builder augment(AugmentConfig v) {
            this.augment = v;
            return this;
        }

        public Builder epochs(int v) {
            this.epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            this.learningRate = v;
            return this;
        }

        public Builder finalLearningRate(double v) {
            this.finalLearningRate = v;
            return this;
        }

        public Builder diceWeight(double v) {
            this.diceWeight = v;
            return this;
        }

        public Builder borderWeight(double v) {
            this.borderWeight = v;
            return this;
        }

        public Builder borderRadius(int v) {
            this.borderRadius = v;
            return this;
        }

        public Builder deepSupervisionWeight(double v) {
            this.deepSupervisionWeight = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder patience(int v) {
            this.patience = v;
            return this;
        }

        public Builder maxMinutes(double v) {
            this.maxMinutes = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(this);
        }
    }
}
