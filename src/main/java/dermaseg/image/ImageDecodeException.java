package dermaseg.image;

/**
 * An input that cannot become an image, with a {@link DecodeFailure} that says why. Checked,
 * because a bad input is an expected outcome at corpus scale, not a bug: every caller has to
 * decide what error row it writes.
 */
public final class ImageDecodeException extends Exception {
    private final DecodeFailure failure;

    public ImageDecodeException(DecodeFailure failure, String detail) {
        super(failure.code() + ": " + detail);
        this.failure = failure;
    }

    public ImageDecodeException(DecodeFailure failure, String detail, Throwable cause) {
        super(failure.code() + ": " + detail, cause);
        this.failure = failure;
    }

    public DecodeFailure failure() {
        return failure;
    }

    /** The failure's stable code, e.g. {@code "truncated"}. */
    public String reasonCode() {
        return failure.code();
    }
}
