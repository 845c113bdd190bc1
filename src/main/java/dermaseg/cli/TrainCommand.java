package dermaseg.cli;

import dermaseg.dataset.DatasetSnapshot;
import dermaseg.dataset.FolderPairSource;
import dermaseg.dataset.PairSource;
import dermaseg.dataset.ShardPairSource;
import dermaseg.dataset.SplitRatios;
import dermaseg.train.FcnTrainer;
import dermaseg.train.TrainConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import dermaseg.commandline.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    TrainRecipeOptions recipe;

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
        TrainConfig config = recipe.toConfig().build();
        FcnTrainer trainer = new FcnTrainer(config, System.out::println);
        if (destination.resume != null) {
            trainer.resume(trainSource, validationSource, destination.resume);
        } else {
            trainer.train(trainSource, validationSource, destination.output);
        }
        return 0;
    }
}
