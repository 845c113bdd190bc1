package dermaseg.pipeline;

import dermaseg.descriptors.DescriptorConfig;
import dermaseg.fusion.FusionConfig;
import dermaseg.image.ColourConstancy;
import dermaseg.image.ImageLimits;
import dermaseg.refine.RefineConfig;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything the single-image pipeline can be told, apart from the model itself.
 *
 * <p>The stage settings are the subtle defaults: when {@link #refine()} or {@link #fusion()} is
 * null they come from the model card, where the {@code tune} command stored the values chosen
 * on validation data for that very model (see {@link CardSettings}).
 */
public final class SegmenterConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ImageLimits limits;
    /** Longer side of the analysis image; larger images are shrunk for the superpixel stage. */
    private final int analysisMaxSide;
    /** Images per FCN forward pass. */
    private final int batchSize;
    /** Null: take the superpixel settings from the model card. */
    private final RefineConfig refine;
    /** Null: take the fusion weight from the model card. */
    private final FusionConfig fusion;
    /** How the lesion's ABCD descriptors are measured; they do not change the mask. */
    private final DescriptorConfig descriptors;
    /** Null: take the FCN's test-time views from the model card. */
    private final Integer testTimeViews;
    /** Null: take the colour constancy step from the model card. */
    private final ColourConstancy colourConstancy;

    private SegmenterConfig(Builder b) {
        if (b.analysisMaxSide < 64) {
            throw new IllegalArgumentException("analysisMaxSide must be at least 64");
        }
        if (b.batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.limits = b.limits;
        this.analysisMaxSide = b.analysisMaxSide;
        this.batchSize = b.batchSize;
        this.refine = b.refine;
        this.fusion = b.fusion;
        this.descriptors = Objects.requireNonNull(b.descriptors, "descriptors");
        if (b.testTimeViews != null) {
            new TestTimeAugmentation(b.testTimeViews);  // validates the count
        }
        this.testTimeViews = b.testTimeViews;
        this.colourConstancy = b.colourConstancy;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SegmenterConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().limits(limits).analysisMaxSide(analysisMaxSide).batchSize(batchSize)
                .refine(refine).fusion(fusion).descriptors(descriptors).testTimeViews(testTimeViews)
                .colourConstancy(colourConstancy);
    }

    public ImageLimits limits() {
        return limits;
    }

    public int analysisMaxSide() {
        return analysisMaxSide;
    }

    public int batchSize() {
        return batchSize;
    }

    public RefineConfig refine() {
        return refine;
    }

    public FusionConfig fusion() {
        return fusion;
    }

    public DescriptorConfig descriptors() {
        return descriptors;
    }

    public Integer testTimeViews() {
        return testTimeViews;
    }

    public ColourConstancy colourConstancy() {
        return colourConstancy;
    }

    /**
     * Builder; defaults: default image limits, analysis side 1024, batches of 8, stage settings
     * from the model card, default descriptor settings (no pixel spacing).
     */
    public static final class Builder {
        private ImageLimits limits = ImageLimits.defaults();
        private int analysisMaxSide = 1024;
        private int batchSize = 8;
        private RefineConfig refine;
        private FusionConfig fusion;
        private DescriptorConfig descriptors = DescriptorConfig.defaults();
        private Integer testTimeViews;
        private ColourConstancy colourConstancy;

        private Builder() {
        }

        public Builder limits(ImageLimits v) {
            this.limits = v;
            return this;
        }

        public Builder analysisMaxSide(int v) {
            this.analysisMaxSide = v;
            return this;
        }

        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** Overrides the model card's superpixel settings; null restores them. */
        public Builder refine(RefineConfig v) {
            this.refine = v;
            return this;
        }

        /** Overrides the model card's fusion weight; null restores it. */
        public Builder fusion(FusionConfig v) {
            this.fusion = v;
            return this;
        }

        public Builder descriptors(DescriptorConfig v) {
            this.descriptors = v;
            return this;
        }

        /** Overrides the model card's test-time views of the FCN (1, 2, 4 or 8); null restores them. */
        public Builder testTimeViews(Integer v) {
            this.testTimeViews = v;
            return this;
        }

        /**
         * Overrides the model card's colour constancy step; null restores it. For measuring a
         * step on a model trained without it (see {@code selection.InferenceVariant}).
         */
        public Builder colourConstancy(ColourConstancy v) {
            this.colourConstancy = v;
            return this;
        }

        public SegmenterConfig build() {
            return new SegmenterConfig(this);
        }
    }
}
