package dermaseg.spark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare-summary.json} (and {@code summaries/<run>.json}): what a prepare-training run
 * found and did. {@link #accepted} and {@link #rejected} describe the dataset as of this run (the
 * table's current version, which covers every pair seen), so they add up to {@link #pairsSeen};
 * {@link #changes} says how this run got there.
 */
public final class PrepareSummary {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public String runId;
    /** The version of the pairs table this run started from; null for the first run. */
    public Long previousVersion;
    /** The version readers now take: this run's commit, or the previous one when nothing changed. */
    public Long tableVersion;
    public List<String> images = new ArrayList<>();
    public List<String> masks = new ArrayList<>();
    public String maskPattern;
    public String output;
    public int longerSide;
    public Map<String, Double> split = new LinkedHashMap<>();
    public String started;
    public String finished;
    public double wallSeconds;
    public int partitions;
    /** Distinct ids among this run's image and mask files. */
    public long pairsSeen;
    /** Accepted pairs per split, in the current version. */
    public Map<String, Long> accepted = new LinkedHashMap<>();
    /** Refused pairs per reason code, in the current version. */
    public Map<String, Long> rejected = new LinkedHashMap<>();
    /** added, updated, unchanged (pairs seen) and removed (in the previous version, not seen now). */
    public Map<String, Long> changes = new LinkedHashMap<>();
    /** Rows this run wrote: accepted pairs (with their images) and rejected ones. */
    public long shardRowsWritten;
    public long rejectRowsWritten;
    /** Files merged into another file of the same id and side because their bytes were identical. */
    public long identicalCopiesMerged;
    /** Files under the mask folders that no mask pattern names; not part of any pair. */
    public long unmatchedMaskFiles;

    public String toJson() {
        return GSON.toJson(this);
    }

    public static PrepareSummary fromJson(String json) {
        return GSON.fromJson(json, PrepareSummary.class);
    }
}
