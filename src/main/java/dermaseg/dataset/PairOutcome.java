package dermaseg.dataset;

/**
 * What {@link PairPreparer} made of one id's files: a pair ready to store, or a refusal with a
 * reason code. Both name the files they came from (the first by URI when identical copies were
 * merged) and how many identical extra copies were merged.
 */
public sealed interface PairOutcome permits PairOutcome.Accepted, PairOutcome.Rejected {
    /** The image file, or null when there is none. */
    String imageUri();

    /** The mask file, or null when there is none. */
    String maskUri();

    /** Extra files whose bytes equal another file of the same id and side, merged into one. */
    int mergedCopies();

    record Accepted(String imageUri, String maskUri, int mergedCopies, StoredPair pair) implements PairOutcome {
    }

    /**
     * @param reason a {@link RejectReason} or {@link dermaseg.image.DecodeFailure} code
     * @param detail what exactly was wrong, for a person reading the rejects
     */
    record Rejected(String imageUri, String maskUri, int mergedCopies, String reason, String detail)
            implements PairOutcome {
    }
}
