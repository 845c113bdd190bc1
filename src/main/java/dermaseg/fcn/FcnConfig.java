package dermaseg.fcn;

import java.util.List;
import java.util.Objects;

/**
 * Shape of the lesion FCN. Stored in the model card so that a saved model rebuilds the very
 * network it was trained as.
 *
 * <p>Defaults are the first shipped model's, {@code unet-160}: chosen so that training fits in
 * about 90 minutes on two CPU cores (see README, "The shipped model"). The block kind, explicit widths, expansion,
 * attention and Hadamard stages came later; their defaults rebuild the shipped network exactly,
 * so cards written before them still load.
 */
public final class FcnConfig {
    /** Side of the square the image is resized to before the network; a multiple of the stride. */
    private final int workingSize;
    /** Channels of the first encoder stage; each deeper stage doubles them (up to 8×) unless {@link #widths} are given. */
    private final int baseChannels;
    /** Encoder stages; {@code depth - 1} of them halve the resolution. */
    private final int depth;
    /** Whether the deepest stage uses atrous (dilated) convolutions to widen its receptive field. */
    private final boolean dilatedBottleneck;
    /** The convolution unit every stage is built from. */
    private final BlockKind blockKind;
    /**
     * Channels of each encoder stage, shallowest first, one per stage; empty means the doubling
     * rule from {@link #baseChannels}. Lightweight networks widen slower than doubling (UNeXt's
     * 16-32-128-160-256, EGE-UNet's 8-16-24-32-48-64), which is where most of their saving is.
     */
    private final List<Integer> widths;
    /** Inverted-residual blocks widen to this many times their input inside (MobileNetV2's t). */
    private final int expansion;
    /** Whether each skip connection passes a channel and spatial gate (see {@link ChannelSpatialGate}). */
    private final boolean attention;
    /**
     * How many of the deepest stages (encoder, and decoder at the same resolutions) are built from
     * EGE-UNet's Hadamard attention units ({@link GroupHadamardBlock}) instead of the block kind's:
     * EGE-UNet uses them in its three deepest stages, where the maps are small.
     */
    private final int hadamardStages;

    private FcnConfig(Builder b) {
        this.workingSize = b.workingSize;
        this.baseChannels = b.baseChannels;
        this.dilatedBottleneck = b.dilatedBottleneck;
        this.blockKind = Objects.requireNonNull(b.blockKind, "blockKind");
        this.widths = List.copyOf(b.widths);
        this.depth = widths.isEmpty() ? b.depth : widths.size();
        this.expansion = b.expansion;
        this.attention = b.attention;
        this.hadamardStages = b.hadamardStages;
        if (!widths.isEmpty() && b.depthSet && b.depth != widths.size()) {
            throw new IllegalArgumentException("depth " + b.depth + " disagrees with the " + widths.size()
                    + " widths " + widths + "; give one or the other");
        }
        if (depth < 2 || depth > 6) {
            throw new IllegalArgumentException("depth must be in [2, 6], got " + depth);
        }
        if (baseChannels < 4) {
            throw new IllegalArgumentException("baseChannels must be at least 4, got " + baseChannels);
        }
        for (int w : widths) {
            if (w < 4) {
                throw new IllegalArgumentException("every width must be at least 4, got " + widths);
            }
        }
        if (expansion < 1 || expansion > 8) {
            throw new IllegalArgumentException("expansion must be in [1, 8], got " + expansion);
        }
        validateHadamardStages();
        if (workingSize < stride() || workingSize % stride() != 0) {
            throw new IllegalArgumentException(
                    "workingSize must be a positive multiple of the network stride " + stride()
                            + ", got " + workingSize);
        }
    }

    private void validateHadamardStages() {
        if (hadamardStages < 0 || hadamardStages > depth - 1) {
            throw new IllegalArgumentException("hadamardStages must be in [0, " + (depth - 1)
                    + "] (the first stage keeps its full convolution), got " + hadamardStages);
        }
        if (hadamardStages > 0 && blockKind == BlockKind.DOUBLE_CONV) {
            throw new IllegalArgumentException("Hadamard stages join skips by addition, as the light kinds do; "
                    + "use them with separable or inverted-residual, not " + blockKind);
        }
        for (int s = depth - hadamardStages; s < depth; s++) {
            if (channels(s - 1) % 4 != 0 || channels(s) % 4 != 0) {
                throw new IllegalArgumentException("a Hadamard stage splits its channels into 4 groups: stage " + s
                        + " has " + channels(s - 1) + " in and " + channels(s) + " out");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .workingSize(workingSize)
                .baseChannels(baseChannels)
                .dilatedBottleneck(dilatedBottleneck)
                .blockKind(blockKind)
                .widths(widths)
                .expansion(expansion)
                .attention(attention)
                .hadamardStages(hadamardStages);
        return widths.isEmpty() ? b.depth(depth) : b;
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

    public BlockKind blockKind() {
        return blockKind;
    }

    /** The widths as given; empty when the doubling rule applies (see {@link #channels(int)}). */
    public List<Integer> widths() {
        return widths;
    }

    public int expansion() {
        return expansion;
    }

    public boolean attention() {
        return attention;
    }

    public int hadamardStages() {
        return hadamardStages;
    }

    /** Whether stage {@code stage} (encoder or decoder) is built from Hadamard attention units. */
    public boolean isHadamardStage(int stage) {
        return stage >= depth - hadamardStages;
    }

    /** Channels of encoder stage {@code stage} (and of the decoder stage at its resolution). */
    public int channels(int stage) {
        return widths.isEmpty() ? baseChannels * Math.min(1 << stage, 8) : widths.get(stage);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FcnConfig c
                && c.workingSize == workingSize
                && c.baseChannels == baseChannels
                && c.depth == depth
                && c.dilatedBottleneck == dilatedBottleneck
                && c.blockKind == blockKind
                && c.widths.equals(widths)
                && c.expansion == expansion
                && c.attention == attention
                && c.hadamardStages == hadamardStages;
    }

    @Override
    public int hashCode() {
        return Objects.hash(workingSize, baseChannels, depth, dilatedBottleneck, blockKind, widths, expansion,
                attention, hadamardStages);
    }

    @Override
    public String toString() {
        return "FcnConfig{workingSize=" + workingSize + ", blockKind=" + blockKind
                + (widths.isEmpty() ? ", baseChannels=" + baseChannels : ", widths=" + widths)
                + ", depth=" + depth + ", dilatedBottleneck=" + dilatedBottleneck
                + (blockKind == BlockKind.INVERTED_RESIDUAL ? ", expansion=" + expansion : "")
                + ", attention=" + attention
                + (hadamardStages > 0 ? ", hadamardStages=" + hadamardStages : "") + '}';
    }

    /** Builder with the first shipped model's ({@code unet-160}) defaults. */
    public static final class Builder {
        private int workingSize = 160;
        private int baseChannels = 16;
        private int depth = 5;
        private boolean depthSet;
        private boolean dilatedBottleneck = true;
        private BlockKind blockKind = BlockKind.DOUBLE_CONV;
        private List<Integer> widths = List.of();
        private int expansion = 4;
        private boolean attention;
        private int hadamardStages;

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

        /** Stages when no widths are given; with widths, their count is the depth. */
        public Builder depth(int depth) {
            this.depth = depth;
            this.depthSet = true;
            return this;
        }

        public Builder dilatedBottleneck(boolean dilatedBottleneck) {
            this.dilatedBottleneck = dilatedBottleneck;
            return this;
        }

        public Builder blockKind(BlockKind blockKind) {
            this.blockKind = blockKind;
            return this;
        }

        /** Channels per encoder stage, shallowest first; their count sets the depth. Empty: the doubling rule. */
        public Builder widths(List<Integer> widths) {
            this.widths = widths == null ? List.of() : widths;
            return this;
        }

        public Builder expansion(int expansion) {
            this.expansion = expansion;
            return this;
        }

        public Builder attention(boolean attention) {
            this.attention = attention;
            return this;
        }

        /** The deepest stages to build from Hadamard attention units; 0, the default, for none. */
        public Builder hadamardStages(int hadamardStages) {
            this.hadamardStages = hadamardStages;
            return this;
        }

        public FcnConfig build() {
            return new FcnConfig(this);
        }
    }
}
