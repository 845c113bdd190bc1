package dermaseg.spark;

import dermaseg.io.HadoopConf;
import java.io.Serializable;

/**
 * Everything the three stages of one {@link LesionSegmentation#transform} need on an executor:
 * the resolved settings, the driver's Hadoop configuration (for images and masks read by path),
 * where the input row holds what, and whether figures are drawn.
 */
record SegmentationTask(ResolvedSettings settings, String settingsHash, HadoopConf hadoop, InputColumns columns,
        int figureMaxSide) implements Serializable {

    boolean scoring() {
        return columns.mask() >= 0 || columns.maskPath() >= 0;
    }

    boolean figures() {
        return figureMaxSide > 0;
    }

    /**
     * Positions in the input row, -1 for absent: the image bytes or their path, the id or the path
     * it is derived from, the ground-truth bytes or path; and whether {@code image_id} is appended.
     */
    record InputColumns(int image, int path, int id, int idFromPath, int mask, int maskPath, boolean appendId,
            String imageColumn) implements Serializable {
    }
}
