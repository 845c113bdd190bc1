package dermaseg.commandline;

import dermaseg.fcn.ModelLocation;
import picocli.CommandLine.Option;

/** {@code --model}: which model a command runs, for every command that runs the shipped pipeline. */
public final class ModelChoice {
    @Option(names = "--model", defaultValue = ModelLocation.BUNDLED_NAME, paramLabel = "MODEL",
            description = "Model folder holding model-card.json and its parameters (a local path; the Spark jobs "
                    + "also take s3a://), 'bundled' for the shipped model, or 'bundled:NAME' for a bundled model "
                    + "by name (" + ModelLocation.BUNDLED_NAMES_TEXT + "; default: ${DEFAULT-VALUE}).")
    private String model;

    /** The folder as given, or a bundled model's spec. */
    public String model() {
        return model;
    }

    public boolean isBundled() {
        return ModelLocation.isBundled(model);
    }

    /** Refuses a bundled name that is not bundled, listing those that are. */
    public void validate() {
        if (isBundled()) {
            ModelLocation.bundledName(model);
        }
    }
}
