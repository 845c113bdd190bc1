package dermaseg.cli;

import dermaseg.dataset.DatasetSnapshot;
import dermaseg.dataset.FolderPairSource;
import dermaseg.dataset.PairSource;
import dermaseg.dataset.ShardPairSource;
import dermaseg.dataset.SplitRatios;
import dermaseg.fcn.BlockKind;
import dermaseg.fcn.FcnConfig;
import dermaseg.train.AugmentConfig;
import dermaseg.train.FcnTrainer;
import dermaseg.train.TrainConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import dermaseg.commandline.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * {@code dermaseg train}: trains the lesion FCN and writes a model folder with its card, from two
 * folders of pairs or from the shards of a dataset that prepare-training wrote.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train the lesion FCN on image/mask pairs; early stop on validation Jaccard; a checkpoint "
                + "after every epoch, which --resume continues.")
final class TrainCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Data data;

    /** Where the pairs come from: two folders, or a dataset written by prepare-training. */
    static final class Data {
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Pairs from folders:%n")
        Folders folders;

        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Pairs from prepared shards:%n")
        Shards shards;
    }

    static final class Folders {
        @Option(names = "--train", required = true, paramLabel = "FOLDER",
                description = "Training pairs: a folder with images/ and masks/.")
        Path train;

        @Option(names = "--validation", required = true, paramLabel = "FOLDER",
                description = "Validation pairs (model selection): a folder with images/ and masks/.")
        Path validation;
    }

    static final class Shards {
        @Option(names = "--shards", required = true, paramLabel = "URI",
                description = "A dataset written by prepare-training (local or s3a://): train on its train split, "
                        + "validate on its validation split.")
        String uri;

        @Option(names = "--snapshot", paramLabel = "VERSION",
                description = "The version of the dataset's pairs table to train on, to reproduce a past model "
                        + "(a model card's training.manifest ends in @v<VERSION>; default: the latest).")
        Long snapshot;

        @Option(names = "--shuffle-buffer", defaultValue = "" + ShardPairSource.DEFAULT_SHUFFLE_BUFFER,
                paramLabel = "N",
                description = "Pairs held for shuffling across shard files (default: ${DEFAULT-VALUE}).")
        int shuffleBuffer;

        @Option(names = "--hadoop", paramLabel = "KEY=VALUE",
                description = "Hadoop settings for reading the shards, e.g. fs.s3a.endpoint=https://s3.example.org "
                        + "(credentials come from the standard S3A providers, never from here).")
        Map<String, String> hadoop = new LinkedHashMap<>();
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Destination destination;

    /** A new run's folder, or the folder of a run to continue. */
    static final class Destination {
        @Option(names = "--output", required = true, paramLabel = "FOLDER",
                description = "Folder for the model and its card, and for the checkpoint written after every epoch "
                        + "(refused if it holds one: see --resume).")
        Path output;

        @Option(names = "--resume", required = true, paramLabel = "FOLDER",
                description = "Continue the training whose checkpoint is in FOLDER (an earlier run's --output) to the "
                        + "model the run would have made unbroken. Give the same data and options as that run "
                        + "(--max-minutes may differ: it counts this run's time); anything else is refused, "
                        + "naming what differs.")
        Path resume;
    }

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

    @Option(names = "--limit", paramLabel = "N",
            description = "Use only the first N training and N validation pairs (smoke runs).")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        PairSource trainSource;
        PairSource validationSource;
        if (data.shards != null) {
            Configuration conf = new Configuration();
            data.shards.hadoop.forEach(conf::set);
            DatasetSnapshot snapshot = DatasetSnapshot.read(data.shards.uri, data.shards.snapshot, conf);
            ShardPairSource trainPairs = ShardPairSource.of(snapshot, SplitRatios.TRAIN, conf,
                    data.shards.shuffleBuffer);
            ShardPairSource validationPairs = ShardPairSource.of(snapshot, SplitRatios.VALIDATION, conf,
                    data.shards.shuffleBuffer);
            trainSource = limit == null ? trainPairs : trainPairs.limit(limit);
            validationSource = limit == null ? validationPairs : validationPairs.limit(limit);
        } else {
            FolderPairSource trainPairs = FolderPairSource.scan(data.folders.train);
            FolderPairSource validationPairs = FolderPairSource.scan(data.folders.validation);
            trainSource = limit == null ? trainPairs : trainPairs.limit(limit);
            validationSource = limit == null ? validationPairs : validationPairs.limit(limit);
        }
        TrainConfig config = TrainConfig.builder()
                .fcn(FcnConfig.builder().workingSize(workingSize).baseChannels(baseChannels).blockKind(block)
                        .widths(widths).expansion(expansion).attention(attention)
                        .hadamardStages(hadamardStages).build())
                .augment(AugmentConfig.builder().build())
                .epochs(epochs)
                .batchSize(batchSize)
                .learningRate(learningRate)
                .finalLearningRate(learningRate / 100)
                .borderWeight(borderWeight)
                .borderRadius(borderRadius)
                .deepSupervisionWeight(deepSupervision)
                .seed(seed)
                .patience(patience)
                .maxMinutes(maxMinutes)
                .build();
        FcnTrainer trainer = new FcnTrainer(config, System.out::println);
        if (destination.resume != null) {
            trainer.resume(trainSource, validationSource, destination.resume);
        } else {
            trainer.train(trainSource, validationSource, destination.output);
        }
        return 0;
    }

    /** {@code --block separable}: the card's names, not the enum constants'. */
    static final class BlockKindConverter implements ITypeConverter<BlockKind> {
        @Override
        public BlockKind convert(String value) {
            return BlockKind.fromCardName(value);
        }
    }
}
