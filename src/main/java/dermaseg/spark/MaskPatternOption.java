package dermaseg.spark;

import picocli.CommandLine.Option;

/** {@code --mask-pattern}: how ground-truth files are named, for every job that pairs images with masks. */
final class MaskPatternOption {
    @Option(names = "--mask-pattern", defaultValue = "{id}_segmentation.png,{id}.png", paramLabel = "PATTERN",
            description = "Mask file names, each with one {id}, comma-separated; the first that matches a file "
                    + "wins (default: ${DEFAULT-VALUE}).")
    String patterns;

    /** The ids the patterns give; {@link #validate} has refused patterns without one {@code {id}}. */
    FileIds ids() {
        return FileIds.of(patterns);
    }

    /** Refuses patterns {@link FileIds#of} would refuse, naming the option. */
    void validate() {
        try {
            FileIds.of(patterns);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mask-pattern: " + e.getMessage(), e);
        }
    }
}
