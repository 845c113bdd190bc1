package dermaseg.spark;

import dermaseg.io.HadoopConf;
import dermaseg.io.HadoopFiles;
import dermaseg.io.Sha256;
import dermaseg.io.TransientFailures;
import java.io.IOException;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The SHA-256 of each row's {@code source} file, read on the executors, as a {@code fresh_hash}
 * column: how an incremental run tells a file whose metadata changed from one whose bytes did. A
 * file that cannot be read gets a null hash (it is then segmented, and its error row says why);
 * a store that does not answer fails the task.
 */
final class ContentHashes implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final HadoopConf hadoop;
    private final long maxBytes;
    private final int source;

    private ContentHashes(HadoopConf hadoop, long maxBytes, int source) {
        this.hadoop = hadoop;
        this.maxBytes = maxBytes;
        this.source = source;
    }

    static Dataset<Row> of(Dataset<Row> rows, HadoopConf hadoop, long maxBytes) {
        StructType out = rows.schema().add("fresh_hash", DataTypes.StringType, true);
        return rows.mapPartitions(new ContentHashes(hadoop, maxBytes, rows.schema().fieldIndex("source")),
                Encoders.row(out));
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return Iterators.map(input, in -> {
            Object[] v = new Object[in.size() + 1];
            for (int i = 0; i < in.size(); i++) {
                v[i] = in.get(i);
            }
            v[in.size()] = hash(in.getString(source));
            return RowFactory.create(v);
        });
    }

    private String hash(String uri) {
        try {
            return Sha256.hex(HadoopFiles.read(uri, hadoop.get(), maxBytes));
        } catch (IOException e) {
            if (TransientFailures.isTransient(e)) {
                throw new TransientFailures.StoreUnavailableException("reading " + uri, e);
            }
            return null;
        }
    }
}
