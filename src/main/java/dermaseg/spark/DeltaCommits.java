package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dermaseg.io.HadoopFiles;
import dermaseg.io.TransientFailures;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table writes of the incremental jobs, each one atomic Delta commit, each retried while the
 * store is away: a commit that meets a {@link TransientFailures transient} failure is tried again
 * with backoff (5 s doubling to 60 s) for at most {@link #STORE_PATIENCE}, on top of S3A's own
 * retries of each request; then the job fails with the reason. Appends carry Delta's
 * {@code txnAppId}/{@code txnVersion}, so an append retried after a commit that did land (its
 * answer lost) is skipped by Delta, not applied twice; a merge on the rows' key is idempotent in
 * itself.
 *
 * <p>Tables are created without deletion vectors: deletes and merges rewrite the files they touch,
 * so that any Delta reader (DuckDB, Trino, pandas through delta-rs, our tests' own) reads them.
 */
final class DeltaCommits {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCommits.class);

    /** How long a commit waits for a store that went away, beyond S3A's own retries. */
    static final Duration STORE_PATIENCE = Duration.ofMinutes(4);

    private static final RetryPolicy<Object> WHILE_STORE_AWAY = RetryPolicy.builder()
            .handleIf(TransientFailures::isTransient)
            .withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(60))
            .withMaxRetries(-1)
            .withMaxDuration(STORE_PATIENCE)
            .onRetry(e -> LOG.warn("the store did not answer ({}); trying the commit again, attempt {}",
                    e.getLastException().getMessage(), e.getAttemptCount() + 1))
            .build();

    private DeltaCommits() {
    }

    static boolean exists(SparkSession spark, String table) {
        return retried(table, () -> DeltaTable.isDeltaTable(spark, table));
    }

    /**
     * Creates an empty table of {@code schema} at {@code table} unless one is there; the log of a
     * creation that was killed before its first commit is cleared first
     * ({@link #clearUnfinishedCreation}).
     */
    static void create(SparkSession spark, String table, StructType schema, List<String> partitionedBy,
            Map<String, String> properties) {
        retried(table, () -> {
            clearUnfinishedCreation(spark, table);
            var builder = DeltaTable.createIfNotExists(spark).location(table).addColumns(schema)
                    .property("delta.enableDeletionVectors", "false");
            if (!partitionedBy.isEmpty()) {
                builder.partitionedBy(partitionedBy.toArray(String[]::new));
            }
            properties.forEach(builder::property);
            return builder.execute();
        });
        addMissingColumns(spark, table, schema);
    }

    /**
     * A job killed while a table's first commit was being written leaves a {@code _delta_log} with
     * no commit in it, only the writer's hidden temporary file (and an empty
     * {@code _staged_commits} folder): Delta then takes the path for a table, finds no version, and
     * will neither read nor create it, so every re-run would fail. Nothing was ever committed
     * there, so such a log is removed and the table is created afresh. A log holding any file
     * that is not hidden (a commit, a checkpoint, {@code _last_checkpoint}) is left as it is. (A
     * second job creating the same table at the same moment could lose its temporary file to
     * this and fail its commit; one run at a time per output is the rule already.)
     */
    private static void clearUnfinishedCreation(SparkSession spark, String table) throws IOException {
        Path log = HadoopFiles.path(HadoopFiles.child(table, "_delta_log"));
        FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(log)) {
            return;
        }
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(log, true);
        while (files.hasNext()) {
            if (!files.next().getPath().getName().startsWith(".")) {
                return;
            }
        }
        LOG.warn("{} holds a Delta log with no commit, left by a creation that was stopped; removing it and "
                + "creating the table afresh", table);
        fs.delete(log, true);
    }

    /**
     * Adds to a table written by an earlier release the columns of {@code schema} it lacks (as
     * nulls for its old rows), in one commit, so that this release's rows can be appended and
     * merged into it; a table that has them all is left as it is.
     */
    private static void addMissingColumns(SparkSession spark, String table, StructType schema) {
        Set<String> present = new HashSet<>(Arrays.asList(read(spark, table).schema().fieldNames()));
        List<String> missing = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!present.contains(f.name())) {
                missing.add("`" + f.name() + "` " + f.dataType().sql());
            }
        }
        if (!missing.isEmpty()) {
            retried(table, () -> spark.sql("ALTER TABLE delta.`" + table + "` ADD COLUMNS ("
                    + String.join(", ", missing) + ")"));
        }
    }

    /** The table's current version. */
    static long version(SparkSession spark, String table) {
        return retried(table, () -> DeltaTable.forPath(spark, table).history(1).select("version").first().getLong(0));
    }

    /** Refuses a session without Delta's SQL extension: merges and deletes need it. */
    static void requireExtension(SparkSession spark, String job) {
        String extensions = spark.conf().get("spark.sql.extensions", "");
        if (!extensions.contains("io.delta.sql.DeltaSparkSessionExtension")) {
            throw new IllegalStateException(job + " writes Delta tables: start Spark with "
                    + "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension and "
                    + "spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog "
                    + "(conf/spark-defaults.conf has both)");
        }
    }

    static Dataset<Row> read(SparkSession spark, String table) {
        return spark.read().format("delta").load(table);
    }

    /** Appends {@code rows} in one commit, once per {@code (appId, version)} however often it is called. */
    static void append(Dataset<Row> rows, String table, String appId, long version, String note) {
        retried(table, () -> {
            rows.write().format("delta").mode("append")
                    .option("txnAppId", appId).option("txnVersion", version)
                    .option("userMetadata", note)
                    .save(table);
            return null;
        });
    }

    /**
     * One commit that replaces the rows of {@code table} whose {@code key} columns match a row of
     * {@code rows} and inserts the others; once per {@code (appId, version)}, like {@link #append}
     * (Delta takes those from the session for merges).
     */
    static void upsert(SparkSession spark, Dataset<Row> rows, String table, String[] key, String appId, long version,
            String note) {
        merge(spark, rows, table, on(key), m -> m.whenMatched().updateAll().whenNotMatched().insertAll(),
                appId, version, note);
    }

    /**
     * One commit that sets {@code columns} of the rows of {@code table} whose {@code key} matches a
     * row of {@code rows} to that row's values; rows with no match are left out.
     */
    static void updateColumns(SparkSession spark, Dataset<Row> rows, String table, String[] key, List<String> columns,
            String appId, long version, String note) {
        Map<String, Column> set = new LinkedHashMap<>();
        columns.forEach(c -> set.put(c, col("s." + c)));
        merge(spark, rows, table, on(key), m -> m.whenMatched().update(set), appId, version, note);
    }

    /**
     * One merge of {@code rows} (as {@code s}) into {@code table} (as {@code t}) on
     * {@code condition}, with the clauses {@code clauses} adds; once per {@code (appId, version)}
     * (none for a negative version).
     */
    static void merge(SparkSession spark, Dataset<Row> rows, String table, String condition,
            UnaryOperator<DeltaMergeBuilder> clauses, String appId, long version, String note) {
        merge(spark, rows, table, expr(condition), clauses, appId, version, note);
    }

    private static void merge(SparkSession spark, Dataset<Row> rows, String table, Column condition,
            UnaryOperator<DeltaMergeBuilder> clauses, String appId, long version, String note) {
        retried(table, () -> withSession(spark, txn(appId, version, note), () -> clauses.apply(
                DeltaTable.forPath(spark, table).as("t").merge(rows.as("s"), condition)).execute()));
    }

    /** One commit that deletes the rows of {@code table} that match {@code condition}. */
    static void delete(SparkSession spark, String table, Column condition, String note) {
        retried(table, () -> withSession(spark, Map.of(USER_METADATA, note),
                () -> DeltaTable.forPath(spark, table).delete(condition)));
    }

    /** {@code t.k = s.k} for every key column. */
    private static Column on(String[] key) {
        Column on = null;
        for (String k : key) {
            Column c = col("t." + k).equalTo(col("s." + k));
            on = on == null ? c : on.and(c);
        }
        return on;
    }

    /** The session settings of a DML commit: its transaction id (none for a negative version) and note. */
    private static Map<String, String> txn(String appId, long version, String note) {
        return version < 0 ? Map.of(USER_METADATA, note)
                : Map.of(TXN_APP_ID, appId, TXN_VERSION, Long.toString(version), USER_METADATA, note);
    }

    private static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    /**
     * Delta's DML commands take their transaction id and user metadata from session settings,
     * which stay set after the write (and would then apply to every later write): set for the
     * one commit, then unset.
     */
    private static Object withSession(SparkSession spark, Map<String, String> settings, Runnable commit) {
        settings.forEach((k, v) -> spark.conf().set(k, v));
        try {
            commit.run();
            return null;
        } finally {
            settings.keySet().forEach(k -> spark.conf().unset(k));
        }
    }

    /**
     * {@code commit} with {@link #WHILE_STORE_AWAY}; when the store stays away, the failure says so
     * and names the table, in the words the job's one-line error takes.
     */
    private static <T> T retried(String table, CheckedSupplier<T> commit) {
        try {
            return Failsafe.with(WHILE_STORE_AWAY).get(commit);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
            if (TransientFailures.isTransient(cause)) {
                throw new TransientFailures.StoreUnavailableException("the Delta table " + table, cause);
            }
            throw cause instanceof RuntimeException r ? r : e;
        }
    }
}
