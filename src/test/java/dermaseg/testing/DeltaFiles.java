package dermaseg.testing;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * An independent reader of the Delta tables the jobs write: Delta Kernel (Delta's own
 * implementation of the protocol, with no Spark in it) replays the table's log and names the
 * Parquet files of its current snapshot, which DuckDB then reads. The jobs create their tables
 * without deletion vectors, so every row of those files is live; a file with a deletion vector
 * fails the read here rather than counting deleted rows.
 */
public final class DeltaFiles {
    private DeltaFiles() {
    }

    /** The live data files of the table at {@code table} (a local folder), as local paths. */
    public static List<String> live(Path table) {
        Engine engine = DefaultEngine.create(new Configuration());
        Snapshot snapshot = Table.forPath(engine, table.toAbsolutePath().toString()).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder().build();
        List<String> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null) {
                            throw new IllegalStateException("a deletion vector in " + table + ": not read here");
                        }
                        files.add(Path.of(URI.create(InternalScanFileUtils.getAddFileStatus(scanFile).getPath()))
                                .toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** {@link #live} as a DuckDB list literal, for {@code read_parquet(...)}. */
    public static String duckDbList(Path table) {
        List<String> quoted = live(table).stream().map(f -> "'" + f.replace("'", "''") + "'").toList();
        return "[" + String.join(", ", quoted) + "]";
    }
}
