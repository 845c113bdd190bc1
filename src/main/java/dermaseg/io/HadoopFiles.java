package dermaseg.io;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Whole-file reads and writes through Hadoop's {@link FileSystem}, for any scheme it knows (local
 * disk, {@code s3a://}, HDFS), with the guarantees a corpus of untrusted files needs:
 *
 * <ul>
 *   <li>a read refuses, without opening it, a file longer than the limit, and anything that is not
 *       a regular file: a FIFO (opening one for reading blocks until a writer comes, which on a
 *       corpus is never), a socket, a device, a directory, a dangling symbolic link;</li>
 *   <li>local files are read and written around Hadoop's checksum layer: its hidden
 *       {@code .name.crc} companions are not wanted in published folders, and it builds their
 *       paths from strings, so that a file named {@code colon:x.jpg} cannot be opened through
 *       it ("Relative path in absolute URI").</li>
 * </ul>
 */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * Reads a whole file, refusing (without reading) one longer than {@code maxBytes} or one
     * that is not a regular file.
     *
     * @param location a URI ({@code s3a://b/k}, {@code file:///x/IMG%20001.jpg}), or a plain
     *                 local path or Hadoop path string ({@code /x/IMG 001.jpg})
     * @throws FileTooLargeException  when the file is longer than {@code maxBytes}
     * @throws NotRegularFileException when it is not a regular file
     * @throws FileNotFoundException  when there is nothing at {@code location}
     */
    public static byte[] read(String location, Configuration conf, long maxBytes) throws IOException {
        Path path = path(location);
        FileSystem fs = path.getFileSystem(conf);
        java.nio.file.Path local = localPath(fs, path);
        if (local != null) {
            return readLocal(location, local, maxBytes);
        }
        FileStatus status = fs.getFileStatus(path);
        if (!status.isFile()) {
            throw new NotRegularFileException(location, status.isDirectory() ? "a directory" : "not a regular file");
        }
        if (status.getLen() > maxBytes) {
            throw new FileTooLargeException(status.getLen(), maxBytes);
        }
        try (InputStream in = fs.open(path)) {
            return readBounded(in, status.getLen(), maxBytes);
        }
    }

    private static byte[] readLocal(String location, java.nio.file.Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                throw new NotRegularFileException(location, "a dangling symbolic link to "
                        + Files.readSymbolicLink(file));
            }
            throw new FileNotFoundException(location + " does not exist");
        }
        if (!attributes.isRegularFile()) {
            throw new NotRegularFileException(location, LocalFileKinds.describe(file, attributes));
        }
        if (attributes.size() > maxBytes) {
            throw new FileTooLargeException(attributes.size(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readBounded(in, attributes.size(), maxBytes);
        }
    }

    /** The stream's bytes; a file that grew past the limit since its length was read is refused too. */
    private static byte[] readBounded(InputStream in, long expectedLength, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(expectedLength, 16), 1 << 30));
        byte[] buffer = new byte[64 << 10];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > maxBytes) {
                throw new FileTooLargeException(total, maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Writes a whole file, replacing any file of that name. */
    public static void write(String location, Configuration conf, byte[] bytes) throws IOException {
        Path path = path(location);
        FileSystem fs = withoutChecksums(path.getFileSystem(conf));
        try (FSDataOutputStream out = fs.create(path, true)) {
            out.write(bytes);
        }
    }

    public static void writeString(String location, Configuration conf, String text) throws IOException {
        write(location, conf, text.getBytes(StandardCharsets.UTF_8));
    }

    public static String readString(String location, Configuration conf) throws IOException {
        return new String(read(location, conf, Integer.MAX_VALUE - 16), StandardCharsets.UTF_8);
    }

    public static boolean exists(String location, Configuration conf) throws IOException {
        Path path = path(location);
        return path.getFileSystem(conf).exists(path);
    }

    /** Deletes a file or a folder with everything in it; true if something was deleted. */
    public static boolean delete(String location, Configuration conf) throws IOException {
        Path path = path(location);
        return path.getFileSystem(conf).delete(path, true);
    }

    /**
     * Renames a file or folder; on an object store this is a copy and a delete, and not atomic.
     * Fails when {@code to} exists.
     */
    public static void rename(String from, String to, Configuration conf) throws IOException {
        Path source = path(from);
        Path target = path(to);
        FileSystem fs = source.getFileSystem(conf);
        if (fs.exists(target)) {
            throw new IOException("cannot rename " + from + " to " + to + ": the target exists");
        }
        if (!fs.rename(source, target)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }

    /** The fully qualified form of a location, without a trailing slash: for comparing folders. */
    public static String qualified(String location, Configuration conf) throws IOException {
        Path path = path(location);
        return path.getFileSystem(conf).makeQualified(path).toString().replaceAll("/+$", "");
    }

    /** Joins a base URI and a relative name with exactly one slash. */
    public static String child(String base, String name) {
        return base.endsWith("/") ? base + name : base + "/" + name;
    }

    /**
     * A Hadoop path for a URI or a plain path string. Listings give URIs with percent-escapes
     * ({@code IMG%20001.jpg}); users and Spark's {@code binaryFile} source give Hadoop path
     * strings, which are not valid URIs when they hold a space. Both are taken.
     */
    public static Path path(String location) {
        try {
            return new Path(new URI(location));
        } catch (URISyntaxException notAUri) {
            // a path string such as "/data/IMG 001.jpg"
        }
        return new Path(location);
    }

    /** The local file behind {@code path} when {@code fs} is the local file system, else null. */
    static java.nio.file.Path localPath(FileSystem fs, Path path) {
        if (fs instanceof LocalFileSystem local) {
            return local.pathToFile(path).toPath();
        }
        if (fs instanceof RawLocalFileSystem raw) {
            return raw.pathToFile(path).toPath();
        }
        return null;
    }

    static FileSystem withoutChecksums(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
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
