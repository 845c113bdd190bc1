package dermaseg.fcn;

import java.util.Objects;

/**
 * Shape of the lesion FCN. Stored in the model card so that a saved model rebuilds the very
 * network it was trained as.
 *
 * <p>Defaults are the shipped model's: chosen so that training fits in about 90 minutes on two
 * CPU cores (see README, "The shipped model").
 */
public final class FcnConfig {
    /** Side of the square the image is resized to before the network; a multiple of the stride. */
    private final int workingSize;
    /** Channels of the first encoder stage; each deeper stage doubles them. */
    private final int baseChannels;
    /** Encoder stages; {@code depth - 1} of them halve the resolution. */
    private final int depth;
    /** Whether the deepest stage uses atrous (dilated) convolutions to widen its receptive field. */
    private final boolean dilatedBottleneck;

    private FcnConfig(Builder b) {
        this.workingSize = b.workingSize;
        this.baseChannels = b.baseChannels;
        this.depth = b.depth;
        this.dilatedBottleneck = b.dilatedBottleneck;
        if (depth < 2 || depth > 6) {
            throw new IllegalArgumentException("depth must be in [2, 6], got " + depth);
        }
        if (baseChannels < 4) {
            throw new IllegalArgumentException("baseChannels must be at least 4, got " + baseChannels);
        }
        if (workingSize < stride() || workingSize % stride() != 0) {
            throw new IllegalArgumentException(
                    "workingSize must be a positive multiple of the network stride " + stride()
                            + ", got " + workingSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .workingSize(workingSize)
                .baseChannels(baseChannels)
                .depth(depth)
                .dilatedBottleneck(dilatedBottleneck);
    }

    /** Total downsampling factor of the encoder. */
    public int stride() {
        return 1 << (depth - 1);
    }

    public int workingSize() {
        return workingSize;
    }

    public int baseChannels() {
        return baseChannels;
    }

    public int depth() {
        return depth;
    }

    public boolean dilatedBottleneck() {
        return dilatedBottleneck;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FcnConfig c
                && c.workingSize == workingSize
                && c.baseChannels == baseChannels
                && c.depth == depth
                && c.dilatedBottleneck == dilatedBottleneck;
    }

    @Override
    public int hashCode() {
        return Objects.hash(workingSize, baseChannels, depth, dilatedBottleneck);
    }

    @Override
    public String toString() {
        return "FcnConfig{workingSize=" + workingSize + ", baseChannels=" + baseChannels
                + ", depth=" + depth + ", dilatedBottleneck=" + dilatedBottleneck + '}';
    }

    /** Builder with the shipped model's defaults. */
    public static final class Builder {
        private int workingSize = 160;
        private int baseChannels = 16;
        private int depth = 5;
        private boolean dilatedBottleneck = true;

        private Builder() {
        }

        public Builder workingSize(int workingSize) {
            this.workingSize = workingSize;
            return this;
        }

        public Builder baseChannels(int baseChannels) {
            this.baseChannels = baseChannels;
            return this;
        }

        public Builder depth(int depth) {
            this.depth = depth;
            return this;
        }

        public Builder dilatedBottleneck(boolean dilatedBottleneck) {
            this.dilatedBottleneck = dilatedBottleneck;
            return this;
        }

        public FcnConfig build() {
            return new FcnConfig(this);
        }
    }
}
