package dermaseg.io;

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
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Parquet files that make up one version of a Delta table, read from its log with Delta
 * Kernel (Delta's own implementation of the protocol, no Spark in it), over any Hadoop file
 * system. For readers that stream the files themselves: the trainer, and the tests' independent
 * reader. The project's tables are written without deletion vectors, so every row of a live file
 * is current; a file with one is refused here rather than read wrongly.
 */
public final class DeltaTableFiles {
    private DeltaTableFiles() {
    }

    /** A live data file: its full URI and its partition values. */
    public record LiveFile(String uri, Map<String, String> partition) {
    }

    /** A table version and its live files. */
    public record Version(long version, List<LiveFile> files) {
    }

    /**
     * The live files of version {@code version} of the table at {@code table}, or of its latest
     * version when {@code version} is null.
     *
     * @throws FileNotFoundException when there is no Delta table at {@code table}
     */
    public static Version of(String table, Long version, Configuration conf) throws IOException {
        Engine engine = DefaultEngine.create(conf);
        Snapshot snapshot;
        try {
            Table t = Table.forPath(engine, table);
            snapshot = version == null ? t.getLatestSnapshot(engine) : t.getSnapshotAsOfVersion(engine, version);
        } catch (TableNotFoundException e) {
            throw new FileNotFoundException("no Delta table at " + table);
        }
        List<LiveFile> files = new ArrayList<>();
        Scan scan = KernelSnapshots.scanBuilder(snapshot, engine).build();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row file = rows.next();
                        if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(file) != null) {
                            throw new IOException(table + " has deletion vectors, which this reader does not apply; "
                                    + "dermaseg writes none");
                        }
                        files.add(new LiveFile(InternalScanFileUtils.getAddFileStatus(file).getPath(),
                                InternalScanFileUtils.getPartitionValues(file)));
                    }
                }
            }
        }
        return new Version(KernelSnapshots.version(snapshot, engine), files);
    }
}
