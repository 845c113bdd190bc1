package dermaseg.spark;

import dermaseg.pipeline.SegmenterConfig;
import dermaseg.pipeline.SettingsHash;
import dermaseg.uncertainty.UncertaintyModel;
import java.io.Serializable;

/**
 * A segmentation's settings resolved once, on the driver: the model card read and its stage
 * settings applied under the user's, so that every executor makes the same masks, and the
 * identifiers every output row carries.
 *
 * @param modelSpec    {@code bundled}, a local folder, or a folder URI such as {@code s3a://…}
 * @param modelVersion the model card's version
 * @param config       pipeline settings with refine and fusion settings filled in
 * @param uncertainty  the model card's uncertainty model; null when the card has none
 */
public record ResolvedSettings(String modelSpec, String modelVersion, SegmenterConfig config,
        UncertaintyModel uncertainty) implements Serializable {
    public ResolvedSettings {
        if (config.refine() == null || config.fusion() == null) {
            throw new IllegalArgumentException("stage settings must be resolved against the model card");
        }
    }

    /** {@link SettingsHash} of the stage settings: with the model version, what a mask depends on. */
    public String settingsHash() {
        return SettingsHash.of(config);
    }
}
