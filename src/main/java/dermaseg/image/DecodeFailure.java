package dermaseg.image;

/**
 * Why an input was refused. The {@link #code()} strings are stable: they are written to the
 * error column of job output and counted in run summaries, so renaming one is a schema change.
 */
public enum DecodeFailure {
    /** No bytes at all. */
    EMPTY("empty"),
    /** The signature is none of JPEG, PNG, BMP, TIFF, or the file uses a variant or sample type we do not read. */
    UNSUPPORTED_FORMAT("unsupported_format"),
    /** More bytes than allowed, or a header that declares more pixels than allowed. */
    TOO_LARGE("too_large"),
    /** The header declares a width or height below the minimum. */
    TOO_SMALL("too_small"),
    /** The file ends before its format says it should. */
    TRUNCATED("truncated"),
    /** A supported signature, but the header or the pixel data cannot be decoded. */
    UNDECODABLE("undecodable"),
    /**
     * The image decodes but shows nothing: every pixel within a level or two of one colour (an
     * all-black frame, a lens cap, a blank export). There is no lesion to find in it, and a mask
     * made from it would be noise.
     */
    BLANK("blank");

    private final String code;

    DecodeFailure(String code) {
        this.code = code;
    }

    /** Short, stable, snake_case reason code. */
    public String code() {
        return code;
    }
}
