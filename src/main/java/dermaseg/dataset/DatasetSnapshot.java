package dermaseg.dataset;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;

/**
 * One version of a prepared dataset's {@code pairs} table, as the trainer needs it: for each
 * split, the Parquet files of that version and the accepted ids in them. Read without Spark,
 * through Delta Kernel (Delta's own reader of its log, over any Hadoop file system); only the
 * {@code id} and {@code status} columns are read here, the images later, one file at a time.
 *
 * <p>The prepare job writes the table without deletion vectors, so every row of a live file is
 * current; a file with one is refused rather than read wrongly.
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
        Engine engine = DefaultEngine.create(conf);
        Snapshot snapshot;
        try {
            Table table = Table.forPath(engine, layout.pairsTable());
            snapshot = version == null ? table.getLatestSnapshot(engine) : table.getSnapshotAsOfVersion(engine, version);
        } catch (TableNotFoundException e) {
            throw new IOException("no prepared dataset at " + layout.root() + ": run prepare-training first", e);
        }
        Map<String, TreeMap<String, String>> accepted = new HashMap<>();
        Scan scan = snapshot.getScanBuilder().build();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> files = batches.next().getRows()) {
                    while (files.hasNext()) {
                        Row file = files.next();
                        if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(file) != null) {
                            throw new IOException(layout.pairsTable() + " has deletion vectors, which this reader "
                                    + "does not apply; the prepare job writes none");
                        }
                        String split = InternalScanFileUtils.getPartitionValues(file).get("split");
                        String path = InternalScanFileUtils.getAddFileStatus(file).getPath();
                        TreeMap<String, String> ids = accepted.computeIfAbsent(split, s -> new TreeMap<>());
                        try (ParquetRows rows = ParquetRows.open(path, conf, "id", "status")) {
                            while (rows.hasNext()) {
                                Group row = rows.next();
                                if (DatasetLayout.ACCEPTED.equals(ParquetRows.string(row, "status"))) {
                                    ids.put(ParquetRows.string(row, "id"), path);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new DatasetSnapshot(layout, snapshot.getVersion(), accepted);
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
