package dermaseg.spark;

import picocli.CommandLine.Option;

/**
 * {@code --allow-empty}: whether a listing of nothing is a corpus. By default it is taken for a
 * mistake (a mistyped prefix, a mount that is not there) and refused before anything is written,
 * with exit code 3, so that a scheduled run neither publishes an empty output nor, for a table
 * that mirrors its corpus, empties the table.
 */
final class AllowEmptyOption {
    @Option(names = "--allow-empty",
            description = "Accept inputs that hold no image and run on them as on any corpus (default: refuse, "
                    + "write nothing, exit with 3).")
    boolean allowEmpty;

    /** Refuses an empty listing unless {@code --allow-empty}; {@code listing} says what was listed. */
    void check(long listed, String listing) {
        if (listed == 0 && !allowEmpty) {
            throw new EmptyCorpusException(listing + "; nothing written (--allow-empty runs on an empty corpus)");
        }
    }
}
