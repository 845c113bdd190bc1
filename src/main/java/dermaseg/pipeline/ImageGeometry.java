package dermaseg.pipeline;

/**
 * An image's sizes without its pixels: the analysis resolution the maps are computed at, and the
 * original resolution the mask is made at. What fusion needs of an image; the pixels stay with
 * the stages that read them.
 */
public record ImageGeometry(int width, int height, int originalWidth, int originalHeight) {
    public ImageGeometry {
        if (width < 1 || height < 1 || originalWidth < 1 || originalHeight < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + width + "x" + height + " of "
                    + originalWidth + "x" + originalHeight);
        }
    }
}
