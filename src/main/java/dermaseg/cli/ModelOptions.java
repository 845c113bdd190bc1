package dermaseg.cli;

import dermaseg.commandline.FusionWeightOption;
import dermaseg.commandline.ImageLimitOptions;
import dermaseg.commandline.ModelChoice;
import dermaseg.fcn.ModelLocation;
import dermaseg.fusion.FusionConfig;
import dermaseg.pipeline.SegmenterConfig;
import dermaseg.pipeline.TestTimeAugmentation;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the pipeline: the model, its fusion weight, the image limits. */
final class ModelOptions {
    @Mixin
    ModelChoice model;

    @Mixin
    FusionWeightOption fusionWeight;

    @Mixin
    ImageLimitOptions limits;

    @Option(names = "--test-time-views", paramLabel = "N",
            description = "FCN views averaged per image: 1 (none), 2, 4 (flips) or 8 (and 90° rotations), in one "
                    + "batch (default: the model card's, else 1).")
    Integer testTimeViews;

    /** Refuses values the pipeline could only fail on, naming the option. */
    void validate() {
        model.validate();
        fusionWeight.validate();
        limits.validate();
        if (testTimeViews != null && !TestTimeAugmentation.VIEW_COUNTS.contains(testTimeViews)) {
            throw new IllegalArgumentException("--test-time-views must be 1, 2, 4 or 8, got " + testTimeViews);
        }
    }

    ModelLocation location() {
        return ModelLocation.of(model.model());
    }

    SegmenterConfig config() {
        SegmenterConfig.Builder b = SegmenterConfig.builder().analysisMaxSide(limits.analysisMaxSide())
                .limits(limits.limits()).testTimeViews(testTimeViews);
        if (fusionWeight.fusionWeight() != null) {
            b.fusion(FusionConfig.builder().globalWeight(fusionWeight.fusionWeight()).build());
        }
        return b.build();
    }
}
