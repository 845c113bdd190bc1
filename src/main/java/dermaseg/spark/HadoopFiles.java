package dermaseg.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Small whole-file reads and writes through Hadoop's FileSystem, for any scheme it knows. */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * Reads a whole file, refusing (without reading) one longer than {@code maxBytes}.
     *
     * @throws FileTooLargeException when the file is longer than {@code maxBytes}
     */
    public static byte[] read(String uri, Configuration conf, long maxBytes) throws IOException {
        Path path = new Path(URI.create(uri));
        FileSystem fs = path.getFileSystem(conf);
        long length = fs.getFileStatus(path).getLen();
        if (length > maxBytes) {
            throw new FileTooLargeException(length, maxBytes);
        }
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(length, 16));
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    public static void write(String uri, Configuration conf, byte[] bytes) throws IOException {
        Path path = new Path(URI.create(uri));
        FileSystem fs = path.getFileSystem(conf);
        if (fs instanceof LocalFileSystem local) {
            // Not a hidden .crc file beside every PNG and page: these folders are published as they are.
            fs = local.getRawFileSystem();
        }
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(bytes);
        }
    }

    public static void writeString(String uri, Configuration conf, String text) throws IOException {
        write(uri, conf, text.getBytes(StandardCharsets.UTF_8));
    }

    public static String readString(String uri, Configuration conf) throws IOException {
        return new String(read(uri, conf, Integer.MAX_VALUE - 16), StandardCharsets.UTF_8);
    }

    /** Joins a base URI and a relative name with exactly one slash. */
    public static String child(String base, String name) {
        return base.endsWith("/") ? base + name : base + "/" + name;
    }

    /** A file longer than the configured limit: refused before any byte is read. */
    public static final class FileTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long length;

        public FileTooLargeException(long length, long maxBytes) {
            super("file is " + length + " bytes, limit " + maxBytes);
            this.length = length;
        }

        /** The file's length in bytes. */
        public long length() {
            return length;
        }
    }
}
