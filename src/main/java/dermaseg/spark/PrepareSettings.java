package dermaseg.spark;

import dermaseg.dataset.SplitRatios;
import dermaseg.image.ImageLimits;
import dermaseg.io.HadoopConf;
import java.io.Serializable;

/**
 * What every task of a prepare-training run needs, fixed on the driver.
 *
 * @param longerSide the stored images' longest side at most
 * @param ratios     the dataset's split ratios
 * @param limits     what an image or mask file may be
 * @param hadoop     the driver's Hadoop configuration, for reading the files
 */
record PrepareSettings(int longerSide, SplitRatios ratios, ImageLimits limits, HadoopConf hadoop)
        implements Serializable {
}
