package dermaseg.cli;

import dermaseg.commandline.FusionWeightOption;
import dermaseg.commandline.ImageLimitOptions;
import dermaseg.commandline.ModelChoice;
import dermaseg.fcn.ModelLocation;
import dermaseg.fusion.FusionConfig;
import dermaseg.pipeline.SegmenterConfig;
import picocli.CommandLine.Mixin;

/** Options shared by the commands that run the pipeline: the model, its fusion weight, the image limits. */
final class ModelOptions {
    @Mixin
    ModelChoice model;

    @Mixin
    FusionWeightOption fusionWeight;

    @Mixin
    ImageLimitOptions limits;

    /** Refuses values the pipeline could only fail on, naming the option. */
    void validate() {
        model.validate();
        fusionWeight.validate();
        limits.validate();
    }

    ModelLocation location() {
        return ModelLocation.of(model.model());
    }

    SegmenterConfig config() {
        SegmenterConfig.Builder b = SegmenterConfig.builder().analysisMaxSide(limits.analysisMaxSide())
                .limits(limits.limits());
        if (fusionWeight.fusionWeight() != null) {
            b.fusion(FusionConfig.builder().globalWeight(fusionWeight.fusionWeight()).build());
        }
        return b.build();
    }
}
