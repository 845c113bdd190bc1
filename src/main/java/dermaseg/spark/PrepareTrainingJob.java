package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;

import dermaseg.dataset.DatasetLayout;
import dermaseg.dataset.DatasetParameters;
import dermaseg.dataset.SplitRatios;
import dermaseg.image.ImageLimits;
import dermaseg.io.HadoopConf;
import dermaseg.io.HadoopFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepare-training job: image and mask files (local or S3) in, a growing training dataset
 * out: a Delta table of pairs (layout in {@link DatasetLayout}).
 *
 * <pre>
 * listing (paths only) ─group by id, join the table's hashes─▶ per id: read, hash,
 *     unchanged? ──yes──▶ nothing to do
 *                 no ───▶ validate, resize, measure, split  (mapPartitions, {@link PreparePartitions})
 * ─▶ in batches of --commit-every pairs, each one MERGE into pairs/ (new inserted, changed replaced)
 * ─▶ a last MERGE that deletes the pairs gone from the corpus
 * </pre>
 *
 * <p>Incremental by content: a pair is processed again only when the hash of its files differs
 * from the one in the table. The table mirrors the corpus. Each batch that changes anything is
 * one atomic commit (idempotent under retry through its {@code txnAppId}/{@code txnVersion}), so
 * every version of the table is whole pairs only, a run killed at any point loses at most the
 * batch in flight, and the same command, run again, reads and hashes again but prepares only what
 * is not yet in the table. A run that changes nothing commits nothing.
 *
 * <p>One run at a time per dataset (the scheduler's job): a second run committing at the same
 * time fails on Delta's conflict check instead of losing the other's rows.
 */
public final class PrepareTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareTrainingJob.class);
    /**
     * Parquet row groups of at most 32 MiB: the trainer holds one row group of one file in
     * memory while it streams, and Parquet's default of 128 MiB of PNGs is more than it needs.
     */
    private static final long ROW_GROUP_BYTES = 32L << 20;

    private PrepareTrainingJob() {
    }

    /** Entry point for {@code spark-submit} and {@code jobs/prepare-training}. */
    public static void main(String[] args) {
        System.exit(JobMain.execute(new PrepareTrainingOptions(), args));
    }

    /**
     * Runs the job and returns what it wrote to {@code prepare-summary.json}.
     *
     * @throws EmptyCorpusException when the inputs list no image and no mask and {@code
     *                              --allow-empty} was not given; nothing is written then
     */
    public static PrepareSummary run(SparkSession spark, PrepareTrainingOptions options) throws IOException {
        options.validate();
        DeltaCommits.requireExtension(spark, "prepare-training");
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        String runId = SegmentJob.runId(startedAt);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        DatasetLayout layout = new DatasetLayout(options.output);
        SplitRatios ratios = SplitRatios.parse(options.split);
        DatasetParameters parameters = DatasetParameters.of(options.longerSide, ratios, runId);
        boolean newDataset = checkParameters(layout, parameters, hadoop);
        String table = layout.pairsTable();
        Long previousVersion = Phases.get(spark, "prepare-training: reading the table's version",
                () -> tableVersion(spark, table));
        Dataset<Row> previous = previousVersion != null
                ? DeltaCommits.read(spark, table).select("id", "content_hash")
                : spark.createDataFrame(List.of(), PrepareSchemas.DATASET).select("id", "content_hash");

        Listing listing = Phases.get(spark, "prepare-training: listing", () -> list(spark, options));
        // The listing and the table's hashes, on the driver in id order: paths and hashes only.
        List<Row> pairs = Phases.get(spark, "prepare-training: pairing the listing with the table's hashes",
                () -> listing.pairs()
                        .join(previous.select(col("id"), col("content_hash").as("previous_hash")), new String[] {"id"},
                                "left")
                        .select(columns(PrepareSchemas.PAIRS.fieldNames())).orderBy("id").collectAsList());
        // Known empty here, before anything is written: an empty listing would empty the table.
        options.allowEmpty.check(pairs.size(), options.listing());
        long before = previousVersion == null ? 0
                : Phases.get(spark, "prepare-training: counting the table's pairs", previous::count);
        int batches = (pairs.size() + options.commitEvery - 1) / options.commitEvery;
        LOG.info("run {}: {} pairs in {} batches, table version {}", runId, pairs.size(), batches,
                previousVersion == null ? "none" : previousVersion);
        PrepareSummary summary = new PrepareSummary();
        summary.runId = runId;
        summary.previousVersion = previousVersion;
        summary.images = List.copyOf(options.images);
        summary.masks = List.copyOf(options.masks);
        summary.maskPattern = options.maskPattern.patterns;
        summary.output = options.output;
        summary.longerSide = options.longerSide;
        summary.split = ratios.asMap();
        summary.pairsSeen = pairs.size();
        summary.unmatchedMaskFiles = listing.unmatchedMaskFiles();
        for (String change : List.of(PreparePartitions.ADDED, PreparePartitions.UPDATED, PreparePartitions.UNCHANGED)) {
            summary.changes.put(change, 0L);
        }
        PrepareSettings settings = new PrepareSettings(options.longerSide, ratios,
                ImageLimits.defaults(), new HadoopConf(hadoop));
        try (ProgressListener progress = ProgressListener.start(spark, "prepare-training", pairs.size())) {
            for (int b = 0; b < batches; b++) {
                List<Row> batch = pairs.subList(b * options.commitEvery,
                        Math.min(pairs.size(), (b + 1) * options.commitEvery));
                String name = "batch " + (b + 1) + "/" + batches;
                int partitions = options.partitioning.count(batch.size(), spark);
                summary.partitions = Math.max(summary.partitions, partitions);
                Dataset<Row> outcomes = progress.counting(spark.createDataFrame(batch, PrepareSchemas.PAIRS)
                        .repartition(partitions, col("id"))
                        .mapPartitions(new PreparePartitions(settings), Encoders.row(PrepareSchemas.OUTCOME)));
                try {
                    // Prepared here, in parallel, into the cache, which the counts and the merge then read.
                    Phases.run(spark, "prepare-training: reading, validating and resizing " + name,
                            () -> outcomes.persist(StorageLevel.MEMORY_AND_DISK()).count());
                    boolean changed = Phases.get(spark, "prepare-training: counting the changes of " + name,
                            () -> countChanges(outcomes, summary));
                    if (changed) {
                        if (newDataset) {
                            HadoopFiles.writeString(layout.parametersFile(), hadoop, parameters.toJson());
                            newDataset = false;
                        }
                        int index = b;
                        Phases.run(spark, "prepare-training: committing " + name, () -> commit(spark, table, outcomes,
                                runId, index, String.format(Locale.ROOT, "dermaseg prepare-training run %s %s", runId,
                                        name)));
                    }
                } finally {
                    outcomes.unpersist();
                }
            }
        }
        long removed = before - summary.changes.get(PreparePartitions.UPDATED)
                - summary.changes.get(PreparePartitions.UNCHANGED);
        summary.changes.put("removed", removed);
        if (removed > 0) {
            Phases.run(spark, "prepare-training: removing " + removed + " pairs gone from the corpus",
                    () -> removeGone(spark, table, listing.pairs().select("id"), runId, batches));
        }
        Phases.run(spark, "prepare-training: counting the table", () -> {
            summary.tableVersion = tableVersion(spark, table);
            countTable(spark, table, summary);
        });
        summary.started = startedAt.toString();
        summary.finished = Instant.now().toString();
        summary.wallSeconds = (System.nanoTime() - started) / 1e9;
        String json = summary.toJson();
        HadoopFiles.writeString(layout.summaryOf(runId), hadoop, json);
        HadoopFiles.writeString(layout.summaryFile(), hadoop, json);
        return summary;
    }

    /** The table's latest version, or null when there is no table yet. */
    private static Long tableVersion(SparkSession spark, String table) {
        return DeltaCommits.exists(spark, table) ? DeltaCommits.version(spark, table) : null;
    }

    /** Adds one batch's change counts to the summary; whether the batch changed anything. */
    private static boolean countChanges(Dataset<Row> outcomes, PrepareSummary s) {
        boolean changed = false;
        for (Row r : outcomes.groupBy("change", "status").agg(count("*"), sum("merged_copies")).collectAsList()) {
            long n = r.getLong(2);
            s.changes.merge(r.getString(0), n, Long::sum);
            s.identicalCopiesMerged += r.isNullAt(3) ? 0 : r.getLong(3);
            if (DatasetLayout.ACCEPTED.equals(r.getString(1))) {
                s.shardRowsWritten += n;
                changed = true;
            } else if (DatasetLayout.REJECTED.equals(r.getString(1))) {
                s.rejectRowsWritten += n;
                changed = true;
            }
        }
        return changed;
    }

    /** One batch's commit: its new pairs inserted, its changed ones replaced. */
    private static void commit(SparkSession spark, String table, Dataset<Row> outcomes, String runId, int batch,
            String note) {
        spark.conf().set("parquet.block.size", Long.toString(ROW_GROUP_BYTES));
        DeltaCommits.create(spark, table, PrepareSchemas.DATASET, List.of("split"), Map.of());
        List<Column> out = new ArrayList<>();
        Map<String, Column> values = new LinkedHashMap<>();
        for (String name : PrepareSchemas.DATASET.fieldNames()) {
            out.add(name.equals("run_id") ? lit(runId).as(name) : col(name));
            values.put(name, col("s." + name));
        }
        out.add(col("change"));
        Dataset<Row> source = outcomes.where(col("change").notEqual(PreparePartitions.UNCHANGED))
                .select(out.toArray(Column[]::new));
        DeltaCommits.merge(spark, source, table, "t.split = s.split AND t.id = s.id",
                m -> m.whenMatched().update(values).whenNotMatched().insert(values), runId, batch, note);
    }

    /**
     * The run's last commit, when pairs are gone from the corpus: their rows deleted. The source
     * is every pair seen, so that "not in the source" means "gone".
     */
    private static void removeGone(SparkSession spark, String table, Dataset<Row> seen, String runId, int version) {
        DeltaCommits.merge(spark, seen, table, "t.id = s.id", m -> m.whenNotMatchedBySource().delete(), runId, version,
                "dermaseg prepare-training run " + runId + " (pairs gone from the corpus)");
    }

    /**
     * Refuses a run whose parameters differ from those the dataset recorded; returns true when
     * there is no dataset yet (its first published run records them).
     */
    private static boolean checkParameters(DatasetLayout layout, DatasetParameters wanted, Configuration hadoop)
            throws IOException {
        String file = layout.parametersFile();
        if (!HadoopFiles.exists(file, hadoop)) {
            return true;
        }
        String why = DatasetParameters.fromJson(HadoopFiles.readString(file, hadoop)).incompatibility(wanted);
        if (why != null) {
            throw new IllegalArgumentException("cannot extend " + layout.root() + ": " + why
                    + "; prepare into a new --output instead");
        }
        return false;
    }

    /** The pairs of this run's files, one row per id, in {@code (id, image_uris, mask_uris)}. */
    private record Listing(Dataset<Row> pairs, long unmatchedMaskFiles) {
    }

    private static Listing list(SparkSession spark, PrepareTrainingOptions options) {
        Dataset<Row> maskFiles = InputListing.maskFiles(spark, options.masks, options.maskPattern.ids(),
                options.output);
        long unmatched = maskFiles.where(col("mask_id").isNull()).count();
        maskFiles = maskFiles.where(col("mask_id").isNotNull());
        // A file that is a mask is not also an image, so images and masks may share a folder.
        Dataset<Row> imageFiles = InputListing.images(spark, options.images, options.glob.glob, options.output)
                .join(maskFiles, col("source").equalTo(col("path")), "left_anti");
        Dataset<Row> images = imageFiles.groupBy(col("image_id").as("id"))
                .agg(sort_array(collect_set("source")).as("image_uris"));
        // First match wins: an id's masks are the files of the earliest pattern that names any
        // (X_segmentation.png, not X.png, under the default patterns); several of those are copies
        // or conflicts, as for images.
        Dataset<Row> first = maskFiles.groupBy(col("mask_id")).agg(min("pattern").as("first_pattern"));
        Dataset<Row> masks = maskFiles.join(first, "mask_id")
                .where(col("pattern").equalTo(col("first_pattern")))
                .groupBy(col("mask_id").as("id"))
                .agg(sort_array(collect_set("path")).as("mask_uris"));
        return new Listing(images.join(masks, new String[] {"id"}, "full_outer"), unmatched);
    }

    private static Column[] columns(String[] names) {
        return Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
    }

    /** The table's counts: accepted pairs per split, rejected ones per reason. */
    private static void countTable(SparkSession spark, String table, PrepareSummary s) {
        for (String split : List.of(SplitRatios.TRAIN, SplitRatios.VALIDATION, SplitRatios.TEST)) {
            s.accepted.put(split, 0L);
        }
        if (s.tableVersion == null) {
            return;
        }
        for (Row r : DeltaCommits.read(spark, table).groupBy("status", "split", "reason").count()
                .orderBy("status", "reason", "split").collectAsList()) {
            Map<String, Long> target = DatasetLayout.ACCEPTED.equals(r.getString(0)) ? s.accepted : s.rejected;
            String key = DatasetLayout.ACCEPTED.equals(r.getString(0)) ? r.getString(1) : r.getString(2);
            target.merge(key, r.getLong(3), Long::sum);
        }
    }
}
