package dermaseg.spark;

import dermaseg.image.ImageDecodeException;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * Why an input file could not be used, as the reason code of an error row and a readable detail.
 * One mapping for every job, so a reason means the same thing in {@code masks/}, in the
 * evaluation tables and in a mask's {@code ground_truth_status}.
 */
record InputFailure(String reason, String detail) {

    /** The reason for a failure to read or decode a file. */
    static InputFailure of(Exception e) {
        if (e instanceof HadoopFiles.FileTooLargeException) {
            return new InputFailure("too_large", e.getMessage());
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
