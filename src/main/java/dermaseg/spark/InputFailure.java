package dermaseg.spark;

import dermaseg.image.DecodeFailure;
import dermaseg.image.ImageDecodeException;
import dermaseg.io.HadoopFiles;
import dermaseg.io.NotRegularFileException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why an input file could not be used, as the reason code of an error row and a readable detail.
 * One mapping for every job, so a reason means the same thing in {@code masks/}, in the
 * evaluation tables and in a mask's {@code ground_truth_status}. Failures of the store itself
 * never get here: they fail the task (see {@link dermaseg.io.TransientFailures}).
 */
record InputFailure(String reason, String detail) {
    static final String NOT_REGULAR_FILE = "not_regular_file";

    /**
     * The reasons that are the input's own (what the file is), which a run keeps until asked to
     * try again ({@code --retry}): every decoder refusal, an input over the size limits, and a
     * path that is not a regular file.
     */
    static final Set<String> INPUT_REASONS = inputReasons();

    private static Set<String> inputReasons() {
        Set<String> reasons = new TreeSet<>();
        for (DecodeFailure f : DecodeFailure.values()) {
            reasons.add(f.code());
        }
        reasons.add("too_large");
        reasons.add(NOT_REGULAR_FILE);
        return Collections.unmodifiableSet(reasons);
    }

    /** The reason for a failure to read or decode a file. */
    static InputFailure of(Exception e) {
        if (e instanceof HadoopFiles.FileTooLargeException) {
            return new InputFailure("too_large", e.getMessage());
        }
        if (e instanceof NotRegularFileException) {
            return new InputFailure(NOT_REGULAR_FILE, e.getMessage());
        }
        if (e instanceof FileNotFoundException) {
            return new InputFailure("missing", e.getMessage());
        }
        if (e instanceof ImageDecodeException decode) {
            return new InputFailure(decode.reasonCode(), e.getMessage());
        }
        if (e instanceof IOException) {
            return new InputFailure("unreadable", e.getMessage());
        }
        return new InputFailure("decode_failed", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
