package dermaseg.dataset;

/**
 * A validated pair at its stored size, as one shard row holds it.
 *
 * @param imagePng       the image, 8-bit BGR as decoded, encoded as PNG
 * @param maskPng        the mask, 8-bit single channel of 0 and 255, as PNG
 * @param width          stored width
 * @param height         stored height
 * @param originalWidth  width of the source image
 * @param originalHeight height of the source image
 * @param centroidX      lesion centroid in stored-image pixels (pixel centres at integers)
 * @param centroidY      likewise, vertical
 * @param lesionArea     lesion pixels in the stored mask
 * @param lesionFraction {@code lesionArea / (width · height)}
 */
public record StoredPair(byte[] imagePng, byte[] maskPng, int width, int height, int originalWidth,
        int originalHeight, double centroidX, double centroidY, long lesionArea, double lesionFraction) {
}
