package dermaseg.cli;

import dermaseg.fcn.BlockKind;
import dermaseg.fcn.FcnConfig;
import dermaseg.image.ColourConstancy;
import dermaseg.train.AugmentConfig;
import dermaseg.train.TrainConfig;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * What decides the model a training makes, apart from its data: the network, the loss, the
 * schedule and the seed. Shared by {@code train} and by {@code cross-validate}, which trains every
 * candidate it is given as a string of these options.
 */
final class TrainRecipeOptions {
    @Option(names = "--epochs", defaultValue = "30", paramLabel = "N",
            description = "Planned epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "Training pairs per optimiser step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--working-size", defaultValue = "160", paramLabel = "PIXELS",
            description = "Network input side in pixels, a multiple of the stride (default: ${DEFAULT-VALUE}).")
    int workingSize;

    @Option(names = "--base-channels", defaultValue = "16", paramLabel = "N",
            description = "Channels of the network's first stage, doubled at each pooling up to 8 times as many "
                    + "(default: ${DEFAULT-VALUE}).")
    int baseChannels;

    @Option(names = "--block", defaultValue = "double-conv", paramLabel = "KIND", converter = BlockKindConverter.class,
            description = "The network's unit: double-conv (the shipped U-Net), separable or inverted-residual "
                    + "(default: ${DEFAULT-VALUE}).")
    BlockKind block;

    @Option(names = "--widths", split = ",", paramLabel = "N,N,...",
            description = "Channels of each encoder stage, shallowest first; their count is the depth "
                    + "(default: --base-channels doubled per stage, 5 stages).")
    List<Integer> widths = List.of();

    @Option(names = "--expansion", defaultValue = "4", paramLabel = "T",
            description = "Widening inside each inverted-residual block (default: ${DEFAULT-VALUE}).")
    int expansion;

    @Option(names = "--attention", description = "Gate every skip connection by channel and by position.")
    boolean attention;

    @Option(names = "--hadamard-stages", defaultValue = "0", paramLabel = "N",
            description = "Build the N deepest stages, encoder and decoder, from EGE-UNet's Hadamard attention units; "
                    + "separable or inverted-residual only, their widths multiples of 4 (default: ${DEFAULT-VALUE}).")
    int hadamardStages;

    @Option(names = "--border-weight", defaultValue = "0", paramLabel = "W",
            description = "Extra cross-entropy weight of pixels near the mask's border: they weigh 1+W, the rest 1 "
                    + "(default: ${DEFAULT-VALUE}, none).")
    double borderWeight;

    @Option(names = "--border-radius", defaultValue = "3", paramLabel = "PIXELS",
            description = "Half-width of that border band, in working-size pixels (default: ${DEFAULT-VALUE}).")
    int borderRadius;

    @Option(names = "--deep-supervision", defaultValue = "0", paramLabel = "W",
            description = "Train with a head on every decoder stage but the last, their mean loss weighted W beside "
                    + "the network's; the saved model has no heads (default: ${DEFAULT-VALUE}, none).")
    double deepSupervision;

    @Option(names = "--learning-rate", defaultValue = "2e-3", paramLabel = "RATE",
            description = "Adam, cosine-decayed (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "20171", paramLabel = "N",
            description = "Seed of the initial weights, the shuffling and the augmentation "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--patience", defaultValue = "8", paramLabel = "EPOCHS",
            description = "Epochs without validation improvement before stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--max-minutes", defaultValue = "90", paramLabel = "MINUTES",
            description = "Wall-clock budget of this run: it stops before an epoch that would not end inside it, "
                    + "and --resume continues (default: ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--gamma-jitter", defaultValue = "0", paramLabel = "G",
            description = "Device augmentation: gamma drawn log-uniformly from [1/(1+G), 1+G] (default: "
                    + "${DEFAULT-VALUE}, none).")
    double gammaJitter;

    @Option(names = "--blur", defaultValue = "0", paramLabel = "P",
            description = "Device augmentation: probability of a Gaussian blur of σ up to 1.5 working-size pixels "
                    + "(default: ${DEFAULT-VALUE}).")
    double blurProbability;

    @Option(names = "--jpeg", defaultValue = "0", paramLabel = "P",
            description = "Device augmentation: probability of a JPEG recompression at quality 30 to 95 "
                    + "(default: ${DEFAULT-VALUE}).")
    double jpegProbability;

    @Option(names = "--vignette", defaultValue = "0", paramLabel = "P",
            description = "Device augmentation: probability of a vignette of strength up to 0.8 (default: "
                    + "${DEFAULT-VALUE}).")
    double vignetteProbability;

    @Option(names = "--zoom", defaultValue = "1:1", paramLabel = "MIN:MAX",
            description = "Zoom about the lesion centroid, log-uniform in [MIN, MAX], e.g. 0.6:1.6 so that frames "
                    + "filled by the lesion occur (default: ${DEFAULT-VALUE}, none).")
    String zoom;

    @Option(names = "--colour-constancy", defaultValue = "none", paramLabel = "STEP",
            description = "none, or shades-of-gray:P (Minkowski norm P, e.g. 6): applied to every image in training "
                    + "and, through the model card, in inference (default: ${DEFAULT-VALUE}).")
    String colourConstancy;

    /** The training configuration these options describe. */
    TrainConfig.Builder toConfig() {
        return TrainConfig.builder()
                .fcn(FcnConfig.builder().workingSize(workingSize).baseChannels(baseChannels).blockKind(block)
                        .widths(widths).expansion(expansion).attention(attention)
                        .hadamardStages(hadamardStages).build())
                .augment(augmentation())
                .colourConstancy(ColourConstancy.parse(colourConstancy))
                .epochs(epochs)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .finalLearningRate(learningRate / 100)
                .borderWeight(borderWeight)
                .borderRadius(borderRadius)
                .deepSupervisionWeight(deepSupervision)
                .seed(seed)
                .patience(patience)
                .maxMinutes(maxMinutes);
    }

    private AugmentConfig augmentation() {
        String[] range = zoom.split(":");
        if (range.length != 2) {
            throw new IllegalArgumentException("--zoom is MIN:MAX, e.g. 0.6:1.6, not " + zoom);
        }
        AugmentConfig.Builder b = AugmentConfig.builder().gammaJitter(gammaJitter)
                .zoom(Double.parseDouble(range[0]), Double.parseDouble(range[1]));
        AugmentConfig defaults = b.build();
        return b.blur(blurProbability, defaults.blurMaxSigma()).jpeg(jpegProbability, defaults.jpegMinQuality())
                .vignette(vignetteProbability, defaults.vignetteMaxStrength()).build();
    }

    /** {@code --block separable}: the card's names, not the enum constants'. */
    static final class BlockKindConverter implements ITypeConverter<BlockKind> {
        @Override
        public BlockKind convert(String value) {
            return BlockKind.fromCardName(value);
        }
    }
}
