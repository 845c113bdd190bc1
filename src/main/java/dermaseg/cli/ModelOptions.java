package dermaseg.cli;

import dermaseg.fcn.ModelLocation;
import dermaseg.fusion.FusionConfig;
import dermaseg.pipeline.SegmenterConfig;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the pipeline. */
final class ModelOptions {
    @Option(names = "--model", defaultValue = ModelLocation.BUNDLED_NAME,
            description = "Model folder, or 'bundled' for the shipped model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--fusion-weight",
            description = "Weight w of the FCN map in S = w·P_g + (1−w)·P_l (default: the model card's).")
    Double fusionWeight;

    @Option(names = "--analysis-max-side", defaultValue = "1024",
            description = "Larger images are shrunk to this longer side for the superpixel stage (default: ${DEFAULT-VALUE}).")
    int analysisMaxSide;

    ModelLocation location() {
        return ModelLocation.of(model);
    }

    SegmenterConfig config() {
        SegmenterConfig.Builder b = SegmenterConfig.builder().analysisMaxSide(analysisMaxSide);
        if (fusionWeight != null) {
            b.fusion(FusionConfig.builder().globalWeight(fusionWeight).build());
        }
        return b.build();
    }
}
