package dermaseg.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What the commands that choose a model's settings on validation data share ({@code tune},
 * {@code fit-uncertainty}): the validation pairs, the model folder, and whether to record the
 * choice in its card.
 */
final class CardFitOptions {
    @Option(names = "--data", required = true, paramLabel = "FOLDER",
            description = "Validation folder with images/ and masks/.")
    Path data;

    @Option(names = "--model", required = true, paramLabel = "FOLDER",
            description = "Model folder (its card is updated with --write-card).")
    Path model;

    @Option(names = "--write-card", description = "Record the choice (and what it was chosen from) in the model card.")
    boolean writeCard;
}
