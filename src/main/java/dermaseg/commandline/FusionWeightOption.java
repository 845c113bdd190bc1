package dermaseg.commandline;

import picocli.CommandLine.Option;

/** {@code --fusion-weight}: the one stage setting that the single-machine commands and the segment job both take. */
public final class FusionWeightOption {
    @Option(names = "--fusion-weight", paramLabel = "W",
            description = "Weight w of the FCN map in the fused map S = w·P_g + (1−w)·P_l, in [0, 1] "
                    + "(default: the model card's).")
    private Double fusionWeight;

    /** The weight given, or null for the model card's. */
    public Double fusionWeight() {
        return fusionWeight;
    }

    public void validate() {
        if (fusionWeight != null && !(fusionWeight >= 0 && fusionWeight <= 1)) {
            throw new IllegalArgumentException("--fusion-weight must be in [0, 1], got " + fusionWeight);
        }
    }
}
