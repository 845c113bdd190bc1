package dermaseg.superpixel;

import java.util.Objects;

/**
 * Parameters of {@link Slic}. The superpixel size is given either as a target count for the whole
 * image or as a region size (the grid interval S, in pixels); setting one clears the other.
 *
 * <p>Defaults: 400 superpixels, compactness 10, 10 iterations, fragments under a quarter of the
 * expected superpixel size merged. 400 superpixels is what the prototype of the method used on
 * dermoscopy images (see DESIGN.md); compactness 10 is in the paper's suggested range [1, 40]
 * and is OpenCV's default ruler; 10 iterations is the paper's recommendation; the quarter is the
 * minimum size of Achanta et al.'s reference implementation (and OpenCV's default).
 */
public final class SlicConfig {
    /** Target number of superpixels; 0 when the size is given by {@link #regionSize}. */
    private final int superpixels;
    /** Grid interval S in pixels; 0 when the size is given by {@link #superpixels}. */
    private final int regionSize;
    /**
     * The paper's m: weight of spatial against colour distance, colour in Lab units. Larger
     * values give more compact, more regular superpixels; smaller ones follow colour edges more
     * closely. The paper suggests [1, 40].
     */
    private final double compactness;
    /** Assignment-update rounds of the local k-means; the paper does not test convergence. */
    private final int iterations;
    /**
     * Connected fragments smaller than this fraction of the expected superpixel size
     * ({@code pixels / seeds}) are merged into a neighbour; 0 keeps every fragment.
     */
    private final double minSegmentFraction;

    private SlicConfig(Builder b) {
        this.superpixels = b.superpixels;
        this.regionSize = b.regionSize;
        this.compactness = b.compactness;
        this.iterations = b.iterations;
        this.minSegmentFraction = b.minSegmentFraction;
        if (superpixels < 0 || regionSize < 0 || (superpixels == 0) == (regionSize == 0)) {
            throw new IllegalArgumentException("exactly one of superpixels and regionSize must be"
                    + " positive, got " + superpixels + " and " + regionSize);
        }
        if (!(compactness >= 0) || Double.isInfinite(compactness)) {
            throw new IllegalArgumentException("compactness must be finite and >= 0, got "
                    + compactness);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (!(minSegmentFraction >= 0 && minSegmentFraction <= 1)) {
            throw new IllegalArgumentException("minSegmentFraction must be in [0, 1], got "
                    + minSegmentFraction);
        }
    }

    public static SlicConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .compactness(compactness)
                .iterations(iterations)
                .minSegmentFraction(minSegmentFraction);
        return regionSize > 0 ? b.regionSize(regionSize) : b.superpixels(superpixels);
    }

    /** Whether the size is given as a region size rather than a count. */
    public boolean byRegionSize() {
        return regionSize > 0;
    }

    /** Target count, or 0 when {@link #byRegionSize()}. */
    public int superpixels() {
        return superpixels;
    }

    /** Grid interval in pixels, or 0 unless {@link #byRegionSize()}. */
    public int regionSize() {
        return regionSize;
    }

    public double compactness() {
        return compactness;
    }

    public int iterations() {
        return iterations;
    }

    public double minSegmentFraction() {
        return minSegmentFraction;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlicConfig c
                && c.superpixels == superpixels
                && c.regionSize == regionSize
                && Double.compare(c.compactness, compactness) == 0
                && c.iterations == iterations
                && Double.compare(c.minSegmentFraction, minSegmentFraction) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(superpixels, regionSize, compactness, iterations, minSegmentFraction);
    }

    @Override
    public String toString() {
        return "SlicConfig{" + (byRegionSize() ? "regionSize=" + regionSize
                : "superpixels=" + superpixels) + ", compactness=" + compactness
                + ", iterations=" + iterations + ", minSegmentFraction=" + minSegmentFraction + '}';
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private int superpixels = 400;
        private int regionSize;
        private double compactness = 10;
        private int iterations = 10;
        private double minSegmentFraction = 0.25;

        private Builder() {
        }

        /** Targets this many superpixels over the image; clears any region size. */
        public Builder superpixels(int superpixels) {
            this.superpixels = superpixels;
            this.regionSize = 0;
            return this;
        }

        /** Uses a grid interval of this many pixels; clears any target count. */
        public Builder regionSize(int regionSize) {
            this.regionSize = regionSize;
            this.superpixels = 0;
            return this;
        }

        public Builder compactness(double compactness) {
            this.compactness = compactness;
            return this;
        }

        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        public Builder minSegmentFraction(double minSegmentFraction) {
            this.minSegmentFraction = minSegmentFraction;
            return this;
        }

        public SlicConfig build() {
            return new SlicConfig(this);
        }
    }
}
