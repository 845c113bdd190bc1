package dermaseg.dataset;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where everything of a prepared training dataset lives, relative to its root URI (a local folder
 * or {@code s3a://bucket/prefix}):
 *
 * <pre>
 * dataset.json                                   fixed parameters, written by the first run
 * shards/run_id=R/split=S/part-*.parquet         pairs accepted (new or changed) by run R
 * rejects/run_id=R/part-*.parquet                pairs refused (new or changed) by run R
 * manifest/snapshot=R/part-*.parquet             snapshot after run R: every pair's current state
 * manifest/_LATEST                               the run id of the newest complete snapshot
 * prepare-summary.json, summaries/R.json         what the latest run, and each run, did
 * </pre>
 *
 * <p>Runs only ever add files under their own folders, and publish by rewriting
 * the one small pointer {@code _LATEST} after their snapshot is complete: no published file is
 * renamed or rewritten in place, so the scheme is safe on object stores. (Spark's file committer
 * still moves each task's files into the run's folder when the job commits, a copy on S3 and not
 * atomic; a run that dies there leaves only files no snapshot names.) Readers take the snapshot the pointer names (or an older one, to
 * reproduce a past training) and, from the shards, only the rows that snapshot names.
 */
public final class DatasetLayout {
    public static final String SHARDS = "shards";
    public static final String REJECTS = "rejects";
    public static final String MANIFEST = "manifest";
    /** Manifest status of a pair that is in the shards. */
    public static final String ACCEPTED = "accepted";
    /** Manifest status of a pair that is in the rejects. */
    public static final String REJECTED = "rejected";
    private static final String LATEST = "_LATEST";

    private final String root;

    public DatasetLayout(String root) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String root() {
        return root;
    }

    /** A path relative to the root, such as a manifest's {@code row_file}, as a URI. */
    public String resolve(String relative) {
        return root + "/" + relative;
    }

    public static String runFolder(String area, String runId) {
        return area + "/run_id=" + runId;
    }

    public String shardsOf(String runId) {
        return resolve(runFolder(SHARDS, runId));
    }

    public String rejectsOf(String runId) {
        return resolve(runFolder(REJECTS, runId));
    }

    /**
     * Run R's snapshot. Named {@code snapshot=R}, not {@code run_id=R}: its rows carry the run id
     * of the row each names, and a reader that turns folder names into columns (Spark over
     * {@code manifest/}, DuckDB by default) would overwrite that column with the folder's value.
     */
    public String manifestOf(String runId) {
        return resolve(MANIFEST + "/snapshot=" + runId);
    }

    public String parametersFile() {
        return resolve("dataset.json");
    }

    public String summaryFile() {
        return resolve("prepare-summary.json");
    }

    public String summaryOf(String runId) {
        return resolve("summaries/" + runId + ".json");
    }

    /** The run id of the newest published snapshot, or empty for a dataset no run has published. */
    public Optional<String> latestRun(Configuration conf) throws IOException {
        String pointer = resolve(MANIFEST + "/" + LATEST);
        if (!exists(pointer, conf)) {
            return Optional.empty();
        }
        String runId = readString(pointer, conf).trim();
        if (runId.isEmpty() || !exists(manifestOf(runId) + "/_SUCCESS", conf)) {
            throw new IOException(pointer + " names '" + runId + "', which is not a complete manifest snapshot");
        }
        return Optional.of(runId);
    }

    /** Makes {@code runId}'s snapshot the one readers take; call only once it is complete. */
    public void publish(String runId, Configuration conf) throws IOException {
        writeString(resolve(MANIFEST + "/" + LATEST), runId + "\n", conf);
    }

    public static boolean exists(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        return path.getFileSystem(conf).exists(path);
    }

    public static String readString(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(uri + " does not exist");
        }
    }

    public static void writeString(String uri, String text, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        try (OutputStream out = fs.create(path, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
