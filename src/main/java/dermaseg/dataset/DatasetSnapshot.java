package dermaseg.dataset;

import dermaseg.io.DeltaTableFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;

/**
 * One version of a prepared dataset's {@code pairs} table, as the trainer needs it: for each
 * split, the Parquet files of that version and the accepted ids in them. Read without Spark: the
 * files from the table's log ({@link DeltaTableFiles}), then only their {@code id} and
 * {@code status} columns here, the images later, one file at a time.
 */
public final class DatasetSnapshot {
    private final DatasetLayout layout;
    private final long version;
    /** Split → (accepted id → the file holding its row), ids sorted. */
    private final Map<String, TreeMap<String, String>> accepted;

    private DatasetSnapshot(DatasetLayout layout, long version, Map<String, TreeMap<String, String>> accepted) {
        this.layout = layout;
        this.version = version;
        this.accepted = accepted;
    }

    /**
     * Reads version {@code version} of the dataset at {@code root}, or the latest when it is
     * null.
     */
    public static DatasetSnapshot read(String root, Long version, Configuration conf) throws IOException {
        DatasetLayout layout = new DatasetLayout(root);
        DeltaTableFiles.Version table;
        try {
            table = DeltaTableFiles.of(layout.pairsTable(), version, conf);
        } catch (FileNotFoundException e) {
            throw new IOException("no prepared dataset at " + layout.root() + ": run prepare-training first", e);
        }
        Map<String, TreeMap<String, String>> accepted = new HashMap<>();
        for (DeltaTableFiles.LiveFile file : table.files()) {
            TreeMap<String, String> ids = accepted.computeIfAbsent(file.partition().get("split"), s -> new TreeMap<>());
            try (ParquetRows rows = ParquetRows.open(file.uri(), conf, "id", "status")) {
                while (rows.hasNext()) {
                    Group row = rows.next();
                    if (DatasetLayout.ACCEPTED.equals(ParquetRows.string(row, "status"))) {
                        ids.put(ParquetRows.string(row, "id"), file.uri());
                    }
                }
            }
        }
        return new DatasetSnapshot(layout, table.version(), accepted);
    }

    public DatasetLayout layout() {
        return layout;
    }

    /** The table version: what {@code train --snapshot} takes to train on it again. */
    public long version() {
        return version;
    }

    /** The table and its version, as a model card records it: {@code <root>/pairs@v<N>}. */
    public String uri() {
        return layout.pairsTable() + "@v" + version;
    }

    /** Accepted ids of {@code split}, sorted, each with the file that holds its row. */
    public TreeMap<String, String> rowFiles(String split) {
        return accepted.getOrDefault(split, new TreeMap<>());
    }

}
