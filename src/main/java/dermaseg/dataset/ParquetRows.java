package dermaseg.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The rows of one Parquet file, some columns only, one row group in memory at a time: how the
 * trainer streams shards without Spark. parquet-hadoop's own low-level reader, so any Hadoop file
 * system works ({@code file:}, {@code s3a:}) and nothing but the projected columns is fetched.
 */
final class ParquetRows implements Iterator<Group>, AutoCloseable {
    private final String uri;
    private final ParquetFileReader reader;
    private final MessageType projection;
    private RecordReader<Group> records;
    private long leftInRowGroup;

    private ParquetRows(String uri, ParquetFileReader reader, MessageType projection) {
        this.uri = uri;
        this.reader = reader;
        this.projection = projection;
    }

    /** Opens {@code uri} for reading {@code columns}, which the file must all have. */
    static ParquetRows open(String uri, Configuration conf, String... columns) throws IOException {
        ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(uri), conf));
        try {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> fields = new ArrayList<>();
            for (String column : columns) {
                if (!schema.containsField(column)) {
                    throw new IOException(uri + " has no column '" + column + "'");
                }
                fields.add(schema.getType(column));
            }
            MessageType projection = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projection);
            return new ParquetRows(uri, reader, projection);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        while (leftInRowGroup == 0) {
            try {
                PageReadStore rowGroup = reader.readNextRowGroup();
                if (rowGroup == null) {
                    return false;
                }
                records = new ColumnIOFactory().getColumnIO(projection)
                        .getRecordReader(rowGroup, new GroupRecordConverter(projection));
                leftInRowGroup = rowGroup.getRowCount();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + uri + ": " + e.getMessage(), e);
            }
        }
        return true;
    }

    @Override
    public Group next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        leftInRowGroup--;
        return records.read();
    }

    /** A string column's value, or null when the row has none. */
    static String string(Group row, String column) {
        return row.getFieldRepetitionCount(column) == 0 ? null : row.getString(column, 0);
    }

    /** A binary column's bytes, or null when the row has none. */
    static byte[] bytes(Group row, String column) {
        return row.getFieldRepetitionCount(column) == 0 ? null : row.getBinary(column, 0).getBytes();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
