package dermaseg.cli;

import dermaseg.fcn.AugmentConfig;
import dermaseg.fcn.FcnConfig;
import dermaseg.fcn.FcnTrainer;
import dermaseg.fcn.FolderPairSource;
import dermaseg.fcn.PairSource;
import dermaseg.fcn.TrainConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dermaseg train}: trains the lesion FCN and writes a model folder with its card. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the lesion FCN on image/mask pairs; early stop on validation Jaccard.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--train", required = true,
            description = "Training pairs: a folder with images/ and masks/.")
    Path train;

    @Option(names = "--validation", required = true,
            description = "Validation pairs (model selection): a folder with images/ and masks/.")
    Path validation;

    @Option(names = "--output", required = true, description = "Folder for the model and its card.")
    Path output;

    @Option(names = "--epochs", defaultValue = "30", description = "Planned epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--working-size", defaultValue = "160",
            description = "Network input side in pixels, a multiple of the stride (default: ${DEFAULT-VALUE}).")
    int workingSize;

    @Option(names = "--base-channels", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int baseChannels;

    @Option(names = "--learning-rate", defaultValue = "2e-3", description = "Adam, cosine-decayed (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "20171", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--patience", defaultValue = "8",
            description = "Epochs without validation improvement before stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--max-minutes", defaultValue = "90", description = "Wall-clock budget (default: ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--limit", description = "Use only the first N training and N validation pairs (smoke runs).")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        FolderPairSource trainPairs = FolderPairSource.scan(train);
        FolderPairSource validationPairs = FolderPairSource.scan(validation);
        PairSource trainSource = limit == null ? trainPairs : trainPairs.limit(limit);
        PairSource validationSource = limit == null ? validationPairs : validationPairs.limit(limit);
        TrainConfig config = TrainConfig.builder()
                .fcn(FcnConfig.builder().workingSize(workingSize).baseChannels(baseChannels).build())
                .augment(AugmentConfig.builder().build())
                .epochs(epochs)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .finalLearningRate(learningRate / 100)
                .seed(seed)
                .patience(patience)
                .maxMinutes(maxMinutes)
                .build();
        new FcnTrainer(config, System.out::println).train(trainSource, validationSource, output);
        return 0;
    }
}
