package dermaseg.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a corpus: everything under some roots (folders, globs or files, on any Hadoop file
 * system), recursively, that is not a folder, with its length and modification time.
 *
 * <p>Why not Spark's file index (the {@code binaryFile} source): it drops what a corpus job must
 * report. It silently leaves out a dangling symbolic link (Hadoop's local listing skips entries
 * it cannot stat), and a zero-length file yields no row of the source. Here every entry that is
 * not a folder is listed, whatever it is, and the reader decides what it is
 * ({@link HadoopFiles#read} refuses a FIFO or a dangling link with a reason).
 *
 * <p>The rules are Spark's, so that a corpus means the same to both: names that start with
 * {@code _} or {@code .} are hidden (files and folders alike, below the roots), as are uploads in
 * progress ({@code *._COPYING_}); {@code glob} filters file names with Hadoop's glob syntax, as
 * the {@code pathGlobFilter} option does. Symbolic links to folders are followed (a loop is
 * skipped with a warning). Local folders are walked with {@code java.nio}; other file systems
 * with {@link FileSystem#listFiles} (on S3A a flat, paged listing of the prefix).
 */
public final class FileListing {
    private static final Logger LOG = LoggerFactory.getLogger(FileListing.class);

    /**
     * A listed file: its URI (percent-escaped: {@code file:///x/IMG%20001.jpg}), its length and
     * its modification time in milliseconds, as the file system reports them (for a dangling link,
     * those of the link itself).
     */
    public record Entry(String uri, long length, long modified) {
    }

    private FileListing() {
    }

    /**
     * Every file under {@code roots} that the rules admit, sorted by URI, each once.
     *
     * @param glob     a file-name pattern such as {@code *.{jpg,png}}, or null for every file
     * @param excluded a folder whose contents are never listed (a job's own output), or null
     * @throws FileNotFoundException when a root matches nothing
     */
    public static List<Entry> list(List<String> roots, String glob, String excluded, Configuration conf)
            throws IOException {
        GlobPattern names = glob == null ? null : new GlobPattern(glob);
        String excludedPrefix = excluded == null ? null : normalised(HadoopFiles.qualified(excluded, conf)) + "/";
        TreeMap<String, Entry> files = new TreeMap<>();
        for (String root : roots) {
            Path path = HadoopFiles.path(root);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = matching(path, fs);
            if (matches.length == 0) {
                throw new FileNotFoundException("input " + root + " does not exist");
            }
            for (FileStatus match : matches) {
                Collector collector = new Collector(names, excludedPrefix, files);
                java.nio.file.Path local = HadoopFiles.localPath(fs, match.getPath());
                if (local != null) {
                    walkLocal(local, collector);
                } else if (match.isDirectory()) {
                    walkRemote(fs, match.getPath(), collector);
                } else {
                    collector.file(match.getPath().toUri().toString(), match.getLen(), match.getModificationTime(),
                            match.getPath().getName());
                }
            }
        }
        return new ArrayList<>(files.values());
    }

    /**
     * Whether {@code root} (a folder, a file or a glob) matches anything: what {@link #list}
     * requires of each root, asked before a job starts.
     */
    public static boolean exists(String root, Configuration conf) throws IOException {
        Path path = HadoopFiles.path(root);
        return matching(path, path.getFileSystem(conf)).length > 0;
    }

    private static FileStatus[] matching(Path path, FileSystem fs) throws IOException {
        FileStatus[] matches = fs.globStatus(path);
        return matches == null ? new FileStatus[0] : matches;
    }

    /** Whether a file or folder name is hidden by Spark's (and Hadoop's) conventions. */
    public static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".") || name.endsWith("._COPYING_");
    }

    private static void walkLocal(java.nio.file.Path root, Collector collector) throws IOException {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(java.nio.file.Path dir, BasicFileAttributes attrs) {
                        boolean skip = !dir.equals(root) && hidden(dir.getFileName().toString())
                                || collector.isExcluded(dir.toUri().toString());
                        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(java.nio.file.Path file, BasicFileAttributes attrs) {
                        // Following links, a dangling one arrives with the link's own attributes.
                        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
                        if (file.equals(root) || !hidden(name)) {
                            collector.file(file.toUri().toString(), attrs.size(), attrs.lastModifiedTime().toMillis(),
                                    name);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(java.nio.file.Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            LOG.warn("skipping {}: a symbolic link loop", file);
                            return FileVisitResult.CONTINUE;
                        }
                        throw new IOException("cannot list " + file + ": " + e.getMessage(), e);
                    }
                });
    }

    private static void walkRemote(FileSystem fs, Path root, Collector collector) throws IOException {
        String rootPath = root.toUri().getPath().replaceAll("/+$", "");
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            LocatedFileStatus status = it.next();
            String relative = status.getPath().toUri().getPath().substring(rootPath.length());
            boolean hiddenPart = false;
            for (String part : relative.split("/")) {
                hiddenPart |= !part.isEmpty() && hidden(part);
            }
            if (!hiddenPart) {
                collector.file(status.getPath().toUri().toString(), status.getLen(), status.getModificationTime(),
                        status.getPath().getName());
            }
        }
    }

    /** Hadoop's spelling of a location ({@code file:/x} for {@code file:///x}), for prefix tests. */
    private static String normalised(String uri) {
        return HadoopFiles.path(uri).toString().replaceAll("/+$", "");
    }

    private record Collector(GlobPattern names, String excludedPrefix, TreeMap<String, Entry> files) {
        boolean isExcluded(String uri) {
            return excludedPrefix != null && (normalised(uri) + "/").startsWith(excludedPrefix);
        }

        void file(String uri, long length, long modified, String name) {
            if ((names == null || names.matches(name)) && !isExcluded(uri)) {
                files.putIfAbsent(uri, new Entry(uri, length, modified));
            }
        }
    }
}
