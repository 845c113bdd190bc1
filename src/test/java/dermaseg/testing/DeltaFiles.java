package dermaseg.testing;

import dermaseg.io.DeltaTableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * An independent reader of the Delta tables the jobs write: Delta Kernel (Delta's own
 * implementation of the protocol, with no Spark in it) names the Parquet files of a table's
 * current version ({@link DeltaTableFiles}), and DuckDB reads them.
 */
public final class DeltaFiles {
    private DeltaFiles() {
    }

    /** The live data files of the table at {@code table} (a local folder), as local paths. */
    public static List<String> live(Path table) {
        try {
            return DeltaTableFiles.of(table.toAbsolutePath().toString(), null, new Configuration()).files().stream()
                    .map(f -> Path.of(URI.create(f.uri())).toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #live} as a DuckDB list literal, for {@code read_parquet(...)}. */
    public static String duckDbList(Path table) {
        List<String> quoted = live(table).stream().map(f -> "'" + f.replace("'", "''") + "'").toList();
        return "[" + String.join(", ", quoted) + "]";
    }
}
