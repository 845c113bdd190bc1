package dermaseg.commandline;

import dermaseg.fcn.ModelLocation;
import picocli.CommandLine.Option;

/** {@code --model}: which model a command runs, for every command that runs the shipped pipeline. */
public final class ModelChoice {
    @Option(names = "--model", defaultValue = ModelLocation.BUNDLED_NAME, paramLabel = "FOLDER",
            description = "Model folder holding model-card.json and its parameters (a local path; the Spark jobs "
                    + "also take s3a://), or 'bundled' for the shipped model (default: ${DEFAULT-VALUE}).")
    private String model;

    /** The folder as given, or {@link ModelLocation#BUNDLED_NAME}. */
    public String model() {
        return model;
    }

    public boolean isBundled() {
        return ModelLocation.BUNDLED_NAME.equals(model);
    }
}
