package dermaseg.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;

/**
 * One manifest snapshot of a prepared dataset, as the trainer needs it: for every accepted pair,
 * its split and the shard file that holds its current row. Read without Spark; only the four
 * columns it needs are fetched, and shard-file names are shared between the ids that point to
 * them, so a million-pair manifest costs tens of megabytes of heap.
 */
public final class ShardManifest {
    private final DatasetLayout layout;
    private final String runId;
    /** Split → (id → shard file relative to the dataset root), ids sorted. */
    private final Map<String, TreeMap<String, String>> accepted;

    private ShardManifest(DatasetLayout layout, String runId, Map<String, TreeMap<String, String>> accepted) {
        this.layout = layout;
        this.runId = runId;
        this.accepted = accepted;
    }

    /**
     * Reads a snapshot of the dataset at {@code root}: the one run {@code runId} wrote, or the
     * latest published one when {@code runId} is null.
     */
    public static ShardManifest read(String root, String runId, Configuration conf) throws IOException {
        DatasetLayout layout = new DatasetLayout(root);
        String run = runId != null ? runId : layout.latestRun(conf).orElseThrow(() -> new IOException(
                "no published manifest under " + layout.root() + ": run prepare-training first"));
        Map<String, TreeMap<String, String>> accepted = new HashMap<>();
        Map<String, String> sharedNames = new HashMap<>();
        for (String file : partFiles(layout.manifestOf(run), conf)) {
            try (ParquetRows rows = ParquetRows.open(file, conf, "id", "split", "status", "row_file")) {
                while (rows.hasNext()) {
                    Group row = rows.next();
                    if (DatasetLayout.ACCEPTED.equals(ParquetRows.string(row, "status"))) {
                        String rowFile = sharedNames.computeIfAbsent(ParquetRows.string(row, "row_file"), f -> f);
                        accepted.computeIfAbsent(ParquetRows.string(row, "split"), s -> new TreeMap<>())
                                .put(ParquetRows.string(row, "id"), rowFile);
                    }
                }
            }
        }
        return new ShardManifest(layout, run, accepted);
    }

    /** The Parquet data files of a folder written by Spark, sorted; hidden and marker files left out. */
    static List<String> partFiles(String folder, Configuration conf) throws IOException {
        Path path = new Path(folder);
        FileSystem fs = path.getFileSystem(conf);
        List<String> files = new ArrayList<>();
        for (FileStatus s : fs.listStatus(path)) {
            String name = s.getPath().getName();
            if (s.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
                files.add(s.getPath().toString());
            }
        }
        Collections.sort(files);
        return files;
    }

    public DatasetLayout layout() {
        return layout;
    }

    public String runId() {
        return runId;
    }

    /** The snapshot's folder URI: what a model card records. */
    public String uri() {
        return layout.manifestOf(runId);
    }

    /** Accepted ids of {@code split}, sorted, each with its shard file relative to the dataset root. */
    public TreeMap<String, String> rowFiles(String split) {
        return accepted.getOrDefault(split, new TreeMap<>());
    }
}
