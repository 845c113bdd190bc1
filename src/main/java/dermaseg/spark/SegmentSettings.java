package dermaseg.spark;

import dermaseg.pipeline.SegmenterConfig;
import java.io.Serializable;

/**
 * What every task of a segment run needs, resolved once on the driver: the stage settings (the
 * model card's choices already applied, so executors never disagree about them), the model to
 * load, and the identifiers every output row carries.
 *
 * @param modelSpec    {@code bundled}, a local folder, or a folder URI such as {@code s3a://…}
 * @param modelVersion the model card's version
 * @param runId        this run's id
 * @param config       pipeline settings with refine and fusion settings filled in
 * @param hadoop       the driver's Hadoop configuration, for reading images and masks
 */
public record SegmentSettings(String modelSpec, String modelVersion, String runId, SegmenterConfig config,
        HadoopConf hadoop) implements Serializable {
}
