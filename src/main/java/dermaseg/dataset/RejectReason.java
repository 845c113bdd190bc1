package dermaseg.dataset;

/**
 * Why the prepare job refused a pair, beside the decoder's own reasons. The reason column of
 * {@code rejects/} holds either one of these codes or, when the image or mask could not be
 * decoded, the {@link dermaseg.image.DecodeFailure} code ({@code empty}, {@code truncated},
 * {@code too_large}, {@code too_small}, {@code unsupported_format}, {@code undecodable}); the
 * detail column then says which of the two files it was. Codes are stable: they are counted in
 * summaries and queried by people, so renaming one is a schema change.
 */
public enum RejectReason {
    /** An image whose id no mask file names. */
    MISSING_MASK("missing_mask"),
    /** A mask file whose id no image has. */
    MISSING_IMAGE("missing_image"),
    /** Two image files, or two mask files, with the same id and different contents. */
    DUPLICATE_ID("duplicate_id"),
    /** Image and mask differ in width or height, so the mask cannot be trusted to line up. */
    SIZE_MISMATCH("size_mismatch"),
    /** Some mask pixels are neither black nor white: a JPEG-saved, interpolated or 0/1 mask. */
    MASK_NOT_BINARY("mask_not_binary"),
    /** No lesion pixel, in the mask as given or once it is brought to the stored size. */
    EMPTY_MASK("empty_mask"),
    /**
     * A listed file could not be read (access denied, deleted since the listing, an I/O error
     * that outlasted the file system's own retries). A later run that can read it processes the
     * pair again: the pair's content hash stands for the unread file, not for its bytes.
     */
    UNREADABLE("unreadable"),
    /** Validating or storing the pair failed unexpectedly (a decoder or library error). */
    PREPARE_FAILED("prepare_failed");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
