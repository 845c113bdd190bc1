package dermaseg.spark;

import dermaseg.pipeline.SegmenterConfig;
import java.io.Serializable;

/**
 * What the evaluate job's re-runs need on every executor, resolved once on the driver.
 *
 * @param modelSpec  the model to load: {@code bundled}, a local folder, or a folder URI
 * @param config     the segment run's pipeline settings, refine and fusion filled in
 * @param figureSide longer side, in pixels, of each panel of a gallery figure; larger analysis
 *                   images are shrunk to it, smaller ones are kept as they are
 * @param hadoop     the driver's Hadoop configuration, for images and masks on any file system
 */
public record EvaluateSettings(String modelSpec, SegmenterConfig config, int figureSide, HadoopConf hadoop)
        implements Serializable {
}
