package dermaseg.image;

import java.io.Serializable;
import java.util.Objects;

/**
 * What {@link ImageDecoder} and {@link MaskCodec} accept, checked before any pixel is decoded so
 * that a hostile or broken file costs a few header bytes, never a multi-gigabyte allocation.
 *
 * <p>Defaults are generous for dermoscopy: the largest images in the ISIC archive are about
 * 6700×4500 (30 megapixels) and a few megabytes as JPEG.
 */
public final class ImageLimits implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Largest encoded input, in bytes; beyond it the input is refused before sniffing. */
    private final long maxBytes;
    /** Largest width × height the header may declare. */
    private final long maxPixels;
    /** Smallest width and smallest height; below this there is no lesion to segment. */
    private final int minSide;

    private ImageLimits(Builder b) {
        this.maxBytes = b.maxBytes;
        this.maxPixels = b.maxPixels;
        this.minSide = b.minSide;
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        if (minSide < 1) {
            throw new IllegalArgumentException("minSide must be positive, got " + minSide);
        }
    }

    public static ImageLimits defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxBytes(maxBytes).maxPixels(maxPixels).minSide(minSide);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public int minSide() {
        return minSide;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageLimits l
                && l.maxBytes == maxBytes
                && l.maxPixels == maxPixels
                && l.minSide == minSide;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxBytes, maxPixels, minSide);
    }

    @Override
    public String toString() {
        return "ImageLimits{maxBytes=" + maxBytes + ", maxPixels=" + maxPixels
                + ", minSide=" + minSide + '}';
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        // 256 MiB: a 6700x4500 16-bit RGB TIFF, uncompressed, is 181 MB.
        private long maxBytes = 256L << 20;
        // 100 megapixels: three times the largest ISIC image; decoded as 8-bit BGR, 300 MB.
        private long maxPixels = 100_000_000L;
        private int minSide = 8;

        private Builder() {
        }

        public Builder maxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder maxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        public Builder minSide(int minSide) {
            this.minSide = minSide;
            return this;
        }

        public ImageLimits build() {
            return new ImageLimits(this);
        }
    }
}
