package dermaseg.dataset;

/**
 * Where everything of a prepared training dataset lives, relative to its root URI (a local folder
 * or {@code s3a://bucket/prefix}):
 *
 * <pre>
 * dataset.json                          fixed parameters, written by the first run
 * pairs/                                a Delta table, partitioned by split: one row per pair of
 *                                       the corpus, accepted (stored image and mask) or rejected
 * prepare-summary.json, summaries/R.json   what the latest run, and each run, did
 * </pre>
 *
 * <p>Each run that changes anything is one atomic commit of {@code pairs} (new pairs inserted,
 * changed ones replaced, pairs whose files are gone deleted): readers see the dataset before the
 * run or after it, never a half; an older version of the table reproduces a past training.
 */
public final class DatasetLayout {
    public static final String PAIRS = "pairs";
    /** Status of a pair that is stored for training. */
    public static final String ACCEPTED = "accepted";
    /** Status of a pair that was refused, with its reason. */
    public static final String REJECTED = "rejected";

    private final String root;

    public DatasetLayout(String root) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String root() {
        return root;
    }

    /** A path relative to the root, as a URI. */
    public String resolve(String relative) {
        return root + "/" + relative;
    }

    /** The Delta table of pairs. */
    public String pairsTable() {
        return resolve(PAIRS);
    }

    public String parametersFile() {
        return resolve("dataset.json");
    }

    public String summaryFile() {
        return resolve("prepare-summary.json");
    }

    public String summaryOf(String runId) {
        return resolve("summaries/" + runId + ".json");
    }
}
