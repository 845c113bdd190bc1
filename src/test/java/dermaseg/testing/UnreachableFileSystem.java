package dermaseg.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A Hadoop file system whose store is away: every call fails as S3A's do once its retries are
 * spent on a refused connection. Registered for a scheme with {@code fs.unreachable.impl}.
 */
public final class UnreachableFileSystem extends FileSystem {
    public static final String SCHEME = "unreachable";

    private static IOException away() {
        return new IOException("getFileStatus: Unable to execute HTTP request",
                new ConnectException("Connection refused"));
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        throw away();
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        throw away();
    }

    @Override
    public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
        throw away();
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        throw away();
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        throw away();
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        throw away();
    }

    @Override
    public void setWorkingDirectory(Path dir) {
    }

    @Override
    public Path getWorkingDirectory() {
        return new Path(SCHEME + ":///");
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        throw away();
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        throw away();
    }
}
