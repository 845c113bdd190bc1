package dermaseg.report;

import java.util.Arrays;

/**
 * What became of an image in an evaluation: the {@code outcome} column of the report's
 * {@code data/images/} table, and what the gallery says of an image with that outcome.
 */
public enum Outcome {
    SCORED("scored"),
    /** The segment run could not segment it. */
    SEGMENT_ERROR("segment_error"),
    NO_GROUND_TRUTH("no_ground_truth"),
    /** The ground-truth file could not be used (missing, undecodable, of another size). */
    GROUND_TRUTH_ERROR("ground_truth_error"),
    /** Segmenting it again, to score it, failed. */
    RERUN_ERROR("rerun_error");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    /** The value in the {@code outcome} column. */
    public String code() {
        return code;
    }

    /** The outcome of a column value. */
    public static Outcome of(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no outcome " + code));
    }

    /** Why an image of this outcome has no scores, given its reason code; null for a scored one. */
    String whyNotScored(String reason) {
        return switch (this) {
            case SCORED -> null;
            case SEGMENT_ERROR -> "the segment run could not segment it: " + reason;
            case NO_GROUND_TRUTH -> "no ground truth: prediction only, not scored";
            case GROUND_TRUTH_ERROR -> "ground truth unusable (" + reason + "): not scored";
            case RERUN_ERROR -> "not scored: the re-run failed: " + reason;
        };
    }
}
