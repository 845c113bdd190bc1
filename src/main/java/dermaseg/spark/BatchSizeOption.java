package dermaseg.spark;

import dermaseg.commandline.OptionChecks;
import picocli.CommandLine.Option;

/** {@code --batch-size}: images per FCN forward pass, for the jobs that run the FCN. */
final class BatchSizeOption {
    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "Images per FCN forward pass; raise it on a GPU (default: ${DEFAULT-VALUE}).")
    int batchSize;

    void validate() {
        OptionChecks.atLeast("--batch-size", batchSize, 1);
    }
}
