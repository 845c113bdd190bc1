package dermaseg.refine;

import dermaseg.image.FloatMap;
import dermaseg.superpixel.SuperpixelLabels;
import org.opencv.core.Rect;

/**
 * The superpixel stage's result.
 *
 * @param map             {@code P_l}: per-superpixel lesion confidence painted to pixels, the size
 *                        of the input image; 0 outside the region of interest
 * @param superpixels     the superpixels of the region of interest (coordinates relative to
 *                        {@code roi}); null when nothing was refined
 * @param roi             the region of interest's bounding box in image coordinates
 * @param lesionSeeds     superpixels used as lesion queries
 * @param skinSeeds       superpixels used as skin queries
 * @param refined         false when the FCN found no lesion region, in which case {@code map} is
 *                        a copy of the FCN map
 * @param superpixelNanos time spent in SLIC (Lab conversion included)
 * @param rankingNanos    time spent building the graph and ranking
 */
public record LocalMap(FloatMap map, SuperpixelLabels superpixels, Rect roi, int lesionSeeds,
        int skinSeeds, boolean refined, long superpixelNanos, long rankingNanos) {

    public int superpixelCount() {
        return superpixels == null ? 0 : superpixels.count();
    }
}
