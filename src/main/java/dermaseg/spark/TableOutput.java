package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dermaseg.io.HadoopConf;
import dermaseg.io.HadoopFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment job's incremental output ({@code --incremental}): {@code masks} and
 * {@code metrics} as Delta tables under {@code --output} that each run extends, and a
 * {@code runs} table with one row per finished run.
 *
 * <p><b>Keys.</b> A {@code masks} row belongs to an image id, a model version and a settings hash
 * ({@link dermaseg.pipeline.SettingsHash}), and records the SHA-256 of the bytes it was made
 * from: within one model and settings an id has one row, and a new model version or other
 * settings add rows beside the old ones (queries pick a version). A {@code metrics} row adds the
 * stage to that key.
 *
 * <p><b>What a run does.</b> It lists the corpus and reads the table's rows of its model and
 * settings (key columns only), then decides per image: a row with the same source, length,
 * modification time and ground truth, and a final status, is skipped without reading the file
 * ({@code --rehash} reads and compares the bytes' hash instead); one whose metadata changed is
 * read and hashed, and skipped if its bytes did not change; an image with no row, changed bytes,
 * or an error of the environment ({@link #RETRIED}, plus {@code --retry}'s) is segmented. Errors
 * of the input itself ({@code truncated}, {@code undecodable}, ...) are final. Two files with one
 * id in a listing are ambiguous: the id's row is a {@code duplicate_id} error naming them, and
 * neither is segmented until one is gone.
 *
 * <p><b>Commits.</b> What is to be segmented goes in batches of {@code --commit-every} images, in
 * id order; each batch is segmented, then committed: its metric rows first, its mask rows last,
 * each one atomic Delta commit ({@link DeltaCommits}: appends for new images, idempotent under
 * retry through {@code txnAppId}/{@code txnVersion}; a merge on the key where rows are replaced).
 * The mask row is what marks an image done, so a run killed at any moment loses at most the batch
 * in flight, and the same command, run again, continues where it stopped, segmenting nothing
 * twice that was committed. One run at a time per output.
 */
final class TableOutput {
    private static final Logger LOG = LoggerFactory.getLogger(TableOutput.class);

    /**
     * Error reasons that are the environment's, not the input's: the next run tries the image
     * again. ({@code duplicate_id} too: it is decided afresh by every listing.)
     */
    static final Set<String> RETRIED = Set.of("unreadable", "missing", "inference_failed", "decode_failed",
            "refine_failed", "fusion_failed", SegmentRows.DUPLICATE_ID);

    static final String MASKS = "masks";
    static final String METRICS = "metrics";
    static final String RUNS = "runs";

    private static final String[] MASK_KEY = {"image_id", "model_version", "settings_hash"};

    /** One row per finished run of an incremental output. */
    static final StructType RUNS_SCHEMA = new StructType()
            .add("run_id", "string", false)
            .add("started", "timestamp", false)
            .add("finished", "timestamp", false)
            .add("model_version", "string", false)
            .add("settings_hash", "string", false)
            .add("listed", "long", false)
            .add("segmented", "long", false)
            .add("skipped", "long", false)
            .add("retried", "long", false)
            .add("errors", "long", false)
            .add("commits", "int", false)
            .add("summary_json", "string", false);

    private TableOutput() {
    }

    static RunSummary run(SparkSession spark, SegmentOptions options, List<Row> listing,
            LesionSegmentation segmentation, String runId, Instant startedAt) throws IOException {
        long started = System.nanoTime();
        DeltaCommits.requireExtension(spark, "segment --incremental");
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ResolvedSettings settings = segmentation.resolveSettings(hadoop);
        String masksTable = HadoopFiles.child(options.output, MASKS);
        String metricsTable = HadoopFiles.child(options.output, METRICS);
        Phases.run(spark, "segment: opening the tables", () -> {
            DeltaCommits.create(spark, masksTable, Schemas.MASKS, List.of(), Map.of());
            DeltaCommits.create(spark, metricsTable, Schemas.METRICS, List.of(), Map.of());
        });
        Plan plan = Phases.get(spark, "segment: planning (the table's rows against the listing)",
                () -> plan(spark, listing, masksTable, settings, options));
        LOG.info("run {}: {} files listed; {} to segment ({} again after an error), {} unchanged, model {}",
                runId, listing.size(), plan.todo().size(), plan.retried(), plan.skipped(), settings.modelVersion());

        int commits = 0;
        if (!plan.refreshed().isEmpty()) {
            Phases.run(spark, "segment: recording the new metadata of " + plan.refreshed().size() + " unchanged files",
                    () -> refreshMetadata(spark, plan.refreshed(), masksTable, settings, runId));
            commits++;
        }
        SummaryTally tally = new SummaryTally();
        int batches = (plan.todo().size() + options.commitEvery - 1) / options.commitEvery;
        try (ProgressListener progress = ProgressListener.start(spark, "segment", plan.todo().size())) {
            for (int b = 0; b < batches; b++) {
                List<Row> batch = plan.todo().subList(b * options.commitEvery,
                        Math.min(plan.todo().size(), (b + 1) * options.commitEvery));
                Batch of = new Batch(b, batches, String.format(Locale.ROOT, "dermaseg segment run %s batch %d/%d",
                        runId, b + 1, batches));
                commits += commit(spark, batch, plan.replaced(), segmentation, settings, options, runId, of, tally,
                        progress);
                LOG.info("run {}: batch {}/{} committed ({} images)", runId, b + 1, batches, batch.size());
            }
        }
        int partitions = options.partitioning.count(Math.min(plan.todo().size(), options.commitEvery), spark);
        RunSummary summary = FolderOutput.summary(options, settings, runId, partitions, listing.size(), tally);
        summary.skipped = plan.skipped();
        summary.retried = plan.retried();
        summary.hashed = plan.hashed();
        summary.commits = commits;
        summary.started = startedAt.toString();
        summary.finished = Instant.now().toString();
        summary.wallSeconds = (System.nanoTime() - started) / 1e9;
        summary.imagesPerSecond = summary.wallSeconds > 0 ? summary.images / summary.wallSeconds : 0;
        Phases.run(spark, "segment: recording the run", () -> recordRun(spark, options.output, summary, startedAt));
        HadoopFiles.writeString(HadoopFiles.child(options.output, "summary.json"), hadoop, summary.toJson());
        return summary;
    }

    /**
     * What to segment, in id order ({@link InputListing#LISTED} rows; for an id of several files,
     * {@code duplicate_of} names them all), which of those replace a row; the rows whose file only
     * changed its metadata (read, hashed, found the same: {@code image_id}, {@code source},
     * {@code source_length}, {@code source_modified}); and how many were skipped, retried and
     * hashed.
     */
    private record Plan(List<Row> todo, Set<String> replaced, List<Row> refreshed, long skipped, long retried,
            long hashed) {
    }

    private static Plan plan(SparkSession spark, List<Row> listed, String masksTable, ResolvedSettings settings,
            SegmentOptions options) {
        // The table's rows of this model and settings, key columns only; decided here, on the
        // driver, where the listing already is.
        Map<String, Row> current = new HashMap<>();
        for (Row r : DeltaCommits.read(spark, masksTable)
                .where(col("model_version").equalTo(settings.modelVersion())
                        .and(col("settings_hash").equalTo(settings.settingsHash())))
                .select("image_id", "source", "source_length", "source_modified", "ground_truth", "content_hash",
                        "status", "error").collectAsList()) {
            current.put(r.getString(0), r);
        }
        TreeMap<String, List<Row>> byId = new TreeMap<>();
        for (Row f : listed) {
            byId.computeIfAbsent(f.getString(0), id -> new ArrayList<>()).add(f);
        }
        Set<String> retryReasons = new HashSet<>(RETRIED);
        retryReasons.addAll(options.retry);
        List<Row> todo = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        List<Row> checks = new ArrayList<>();
        long skipped = 0;
        long retried = 0;
        for (Map.Entry<String, List<Row>> e : byId.entrySet()) {
            Row file = e.getValue().get(0);
            Row row = current.get(e.getKey());
            if (e.getValue().size() > 1) {
                String names = String.join(", ", e.getValue().stream().map(f -> f.getString(1)).toList());
                todo.add(listed(file, e.getValue().size() + " files have this id: " + names));
            } else if (row == null) {
                todo.add(file);
            } else if (FusedMasks.ERROR.equals(row.getString(6)) && retryReasons.contains(row.getString(7))) {
                todo.add(file);
                retried++;
            } else if (!options.rehash && sameFile(file, row)) {
                skipped++;
                continue;
            } else {
                checks.add(file);
                continue;
            }
            if (row != null) {
                replaced.add(e.getKey());
            }
        }
        // A file whose metadata changed is read and hashed: unchanged bytes (a copy, a touch) skip.
        List<Row> refreshed = new ArrayList<>();
        if (!checks.isEmpty()) {
            Map<String, Row> checking = new HashMap<>();
            checks.forEach(f -> checking.put(f.getString(0), f));
            Dataset<Row> hashed = ContentHashes.of(spark.createDataFrame(checks, InputListing.LISTED),
                    new HadoopConf(spark.sparkContext().hadoopConfiguration()), settings.config().limits().maxBytes());
            List<Row> hashes = Phases.get(spark, "segment: reading and hashing " + checks.size() + " changed files",
                    () -> hashed.select("image_id", "fresh_hash").collectAsList());
            for (Row h : hashes) {
                Row file = checking.get(h.getString(0));
                Row row = current.get(h.getString(0));
                if (h.getString(1) != null && h.getString(1).equals(row.getString(5))
                        && Objects.equals(file.get(4), row.get(4))) {
                    refreshed.add(RowFactory.create(file.get(0), file.get(1), file.get(2), file.get(3)));
                    skipped++;
                } else {
                    todo.add(file);
                    replaced.add(file.getString(0));
                }
            }
            todo.sort(Comparator.comparing(r -> r.getString(0)));
        }
        return new Plan(todo, replaced, refreshed, skipped, retried, checks.size());
    }

    /** The listing row's file is the one the table row was made from, as far as metadata tells. */
    private static boolean sameFile(Row file, Row row) {
        return file.getString(1).equals(row.getString(1)) && Objects.equals(file.get(2), row.get(2))
                && Objects.equals(file.get(3), row.get(3)) && Objects.equals(file.get(4), row.get(4));
    }

    /** An {@link InputListing#LISTED} row of {@code file} with {@code duplicateOf} set. */
    private static Row listed(Row file, String duplicateOf) {
        return RowFactory.create(file.get(0), file.get(1), file.get(2), file.get(3), file.get(4), duplicateOf);
    }

    /** One batch of a run: its index from 0, how many there are, and the note its commits carry. */
    private record Batch(int index, int of, String note) {
        /** "batch 3/10", as the phases say it. */
        String name() {
            return "batch " + (index + 1) + "/" + of;
        }
    }

    /**
     * Segments one batch (its counts and means added to {@code tally}) and commits it: metrics
     * first, masks last (the mask row marks an image done). New images are appended; images that
     * replace a row go through a delete of their old metric rows and a merge of their mask rows.
     * Returns the number of commits.
     */
    private static int commit(SparkSession spark, List<Row> batch, Set<String> replaced,
            LesionSegmentation segmentation, ResolvedSettings settings, SegmentOptions options, String runId,
            Batch of, SummaryTally tally, ProgressListener progress) {
        Dataset<Row> listing = spark.createDataFrame(batch, InputListing.LISTED);
        int partitions = options.partitioning.count(batch.size(), spark);
        // The Transformer takes its input as an RDD, which runs the listing's shuffle right away.
        Dataset<Row> result = progress.counting(Phases.get(spark, "segment: spreading " + of.name() + " over "
                + partitions + " partitions", () -> segmentTable(listing, segmentation, settings, partitions, runId)));
        try {
            // Segmented here, in parallel, into the cache: the commits below write one file each
            // (coalesce(1)), which on an uncomputed plan would run the whole batch in one task.
            Phases.run(spark, "segment: FCN + superpixels + fusion, " + of.name(),
                    () -> result.persist(StorageLevel.MEMORY_AND_DISK()).count());
            Phases.run(spark, "segment: summary of " + of.name(), () -> tally.add(result));
            List<String> replacing = batch.stream().map(r -> r.getString(0)).filter(replaced::contains).toList();
            return Phases.get(spark, "segment: committing " + of.name(),
                    () -> commitSegmented(spark, result, replacing, settings, options, runId, of));
        } finally {
            result.unpersist();
        }
    }

    /** {@link #commit}'s writes of one segmented (and cached) batch; the number of commits. */
    private static int commitSegmented(SparkSession spark, Dataset<Row> result, List<String> replacing,
            ResolvedSettings settings, SegmentOptions options, String runId, Batch of) {
        String output = options.output;
        String masksTable = HadoopFiles.child(output, MASKS);
        String metricsTable = HadoopFiles.child(output, METRICS);
        int commits = 0;
        if (!replacing.isEmpty()) {
            DeltaCommits.delete(spark, metricsTable, col("image_id").isInCollection(replacing)
                    .and(col("model_version").equalTo(settings.modelVersion()))
                    .and(col("settings_hash").equalTo(settings.settingsHash())), of.note() + " (old metrics)");
            commits++;
        }
        if (options.masks != null) {  // without ground truth there are no metric rows to commit
            DeltaCommits.append(SegmentRows.metrics(result).coalesce(1), metricsTable, runId, of.index(), of.note());
            commits++;
        }
        if (options.png) {
            FolderOutput.exportPngs(result, HadoopFiles.child(output, "png"),
                    new HadoopConf(spark.sparkContext().hadoopConfiguration()));
        }
        Dataset<Row> masks = SegmentRows.masks(result).coalesce(1);
        if (replacing.isEmpty()) {
            DeltaCommits.append(masks, masksTable, runId, of.index(), of.note());
        } else {
            DeltaCommits.upsert(spark, masks, masksTable, MASK_KEY, runId, of.index(), of.note());
        }
        return commits + 1;
    }

    /**
     * {@link SegmentRows#segment} for a table: there an id has one row, so an id of several files
     * (its {@code duplicate_of} holds the files' names) becomes one {@code duplicate_id} error row.
     */
    private static Dataset<Row> segmentTable(Dataset<Row> listing, LesionSegmentation segmentation,
            ResolvedSettings settings, int partitions, String runId) {
        Dataset<Row> unique = listing.where(col("duplicate_of").isNull());
        Dataset<Row> segmented = SegmentRows.segment(unique, segmentation, settings, partitions, runId);
        Dataset<Row> ambiguous = listing.where(col("duplicate_of").isNotNull()).select(
                col("image_id"), col("source"), col("source_length"), col("source_modified"), col("ground_truth"),
                lit(settings.modelVersion()).as("model_version"), lit(settings.settingsHash()).as("settings_hash"),
                lit(runId).as("run_id"), lit(FusedMasks.ERROR).as("status"),
                lit(SegmentRows.DUPLICATE_ID).as("error"), col("duplicate_of").as("error_detail"));
        return segmented.unionByName(ambiguous, true);
    }

    /**
     * Records the new source, length and modification time of files whose bytes did not change
     * (a copy, a touch), so that the next run skips them without reading them again.
     */
    private static void refreshMetadata(SparkSession spark, List<Row> refreshed, String masksTable,
            ResolvedSettings settings, String runId) {
        Dataset<Row> rows = spark.createDataFrame(refreshed, new StructType()
                        .add("image_id", "string").add("source", "string").add("source_length", "long")
                        .add("source_modified", "timestamp"))
                .withColumn("model_version", lit(settings.modelVersion()))
                .withColumn("settings_hash", lit(settings.settingsHash()));
        DeltaCommits.updateColumns(spark, rows, masksTable, MASK_KEY,
                List.of("source", "source_length", "source_modified"), runId, -1,
                "dermaseg segment run " + runId + " (metadata of unchanged files)");
    }

    /** Appends the run's row to the {@code runs} table. */
    private static void recordRun(SparkSession spark, String output, RunSummary s, Instant startedAt) {
        String runs = HadoopFiles.child(output, RUNS);
        long errors = s.status.getOrDefault(FusedMasks.ERROR, 0L);
        Row row = RowFactory.create(s.runId, java.sql.Timestamp.from(startedAt),
                java.sql.Timestamp.from(Instant.parse(s.finished)), s.modelVersion, s.settingsHash, s.listed,
                s.images, s.skipped, s.retried, errors, s.commits, s.toJson());
        DeltaCommits.append(spark.createDataFrame(List.of(row), RUNS_SCHEMA), runs, s.runId, 0,
                "dermaseg segment run " + s.runId);
    }

}
