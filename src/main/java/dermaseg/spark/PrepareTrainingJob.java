package dermaseg.spark;

import dermaseg.io.HadoopConf;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;

import dermaseg.dataset.DatasetLayout;
import dermaseg.dataset.DatasetParameters;
import dermaseg.dataset.SplitRatios;
import dermaseg.image.ImageLimits;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The prepare-training job: image and mask files (local or S3) in, a growing Parquet training
 * dataset out (layout in {@link DatasetLayout}).
 *
 * <pre>
 * listing (paths only) ─group by id, join previous snapshot─▶ per id: read, hash,
 *     unchanged? ──yes──▶ nothing to do
 *                 no ───▶ validate, resize, measure, split  (mapPartitions, {@link PreparePartitions})
 * ─▶ shards/run_id=R/split=S/   rejects/run_id=R/   manifest/snapshot=R/   manifest/_LATEST
 * </pre>
 *
 * <p>Incremental by content: a pair is processed again only when the hash of its files differs
 * from the one in the previous snapshot, and only new or changed pairs are written, under this
 * run's own folders. Superseded rows stay where they are; the new manifest snapshot names, for
 * every pair, the one file that holds its current row, so readers never see two versions of a
 * pair. The snapshot mirrors the corpus: a pair whose files are gone is dropped from it (counted
 * as removed). A run that changes nothing writes no data, no snapshot, only its summary.
 *
 * <p>One run at a time per dataset (the scheduler's job): two concurrent runs would both build on
 * the same previous snapshot and the later publication would hide the other's additions (they
 * would be processed again by the next run, not lost from the corpus).
 */
public final class PrepareTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareTrainingJob.class);
    /**
     * Parquet row groups of at most 32 MiB: the trainer holds one row group of one shard in
     * memory while it streams, and Parquet's default of 128 MiB of PNGs is more than it needs.
     */
    private static final long ROW_GROUP_BYTES = 32L << 20;

    private PrepareTrainingJob() {
    }

    /** Entry point for {@code spark-submit} and {@code jobs/prepare-training}. */
    public static void main(String[] args) {
        JobMain.run(new PrepareTrainingOptions(), args);
    }

    /** Runs the job and returns what it wrote to {@code prepare-summary.json}. */
    public static PrepareSummary run(SparkSession spark, PrepareTrainingOptions options) throws IOException {
        options.validate();
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        String runId = SegmentJob.runId(startedAt);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        DatasetLayout layout = new DatasetLayout(options.output);
        SplitRatios ratios = SplitRatios.parse(options.split);
        DatasetParameters parameters = DatasetParameters.of(options.longerSide, ratios, runId);
        boolean newDataset = checkParameters(layout, parameters, hadoop);
        Optional<String> previousRun = layout.latestRun(hadoop);
        Dataset<Row> previous = previousRun.isPresent()
                ? spark.read().schema(PrepareSchemas.MANIFEST).parquet(layout.manifestOf(previousRun.get()))
                : spark.createDataFrame(List.of(), PrepareSchemas.MANIFEST);

        // Not cached: a cached plan keeps its 200 shuffle partitions, while recomputing the
        // listing (paths already on the driver) is cheap and lets adaptive execution coalesce them.
        Listing listing = list(spark, options);
        Dataset<Row> pairs = listing.pairs();
        long seen = pairs.count();
        if (seen == 0) {
            throw new IllegalArgumentException("no image or mask files under " + options.images + " and "
                    + options.masks + "; refusing to publish an empty dataset");
        }
        int partitions = options.partitions != null ? options.partitions
                : (int) Math.max(1, Math.min(100_000, (seen + options.imagesPerPartition - 1)
                        / options.imagesPerPartition));
        LOG.info("run {}: {} pairs in {} partitions, previous snapshot {}", runId, seen, partitions,
                previousRun.orElse("none"));
        PrepareSettings settings = new PrepareSettings(options.longerSide, ratios,
                ImageLimits.defaults(), new HadoopConf(hadoop));
        Dataset<Row> work = pairs
                .join(previous.select(col("id"), col("content_hash").as("previous_hash")),
                        new String[] {"id"}, "left")
                .select(columns(PrepareSchemas.PAIRS.fieldNames()))
                .repartition(partitions, col("id"));
        Dataset<Row> outcomes = work.mapPartitions(new PreparePartitions(settings),
                Encoders.row(PrepareSchemas.OUTCOME)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            PrepareSummary summary = new PrepareSummary();
            summary.runId = runId;
            summary.previousRunId = previousRun.orElse(null);
            summary.images = List.copyOf(options.images);
            summary.masks = List.copyOf(options.masks);
            summary.maskPattern = options.maskPattern;
            summary.output = options.output;
            summary.longerSide = options.longerSide;
            summary.split = ratios.asMap();
            summary.partitions = partitions;
            summary.pairsSeen = seen;
            summary.unmatchedMaskFiles = listing.unmatchedMaskFiles();
            boolean changed = write(spark, layout, runId, previous, outcomes, summary);
            if (changed) {
                if (newDataset) {
                    DatasetLayout.writeString(layout.parametersFile(), parameters.toJson(), hadoop);
                }
                layout.publish(runId, hadoop);
            }
            summary.manifestRunId = changed ? runId : summary.previousRunId;
            countSnapshot(spark, layout, summary);
            summary.started = startedAt.toString();
            summary.finished = Instant.now().toString();
            summary.wallSeconds = (System.nanoTime() - started) / 1e9;
            String json = summary.toJson();
            DatasetLayout.writeString(layout.summaryOf(runId), json, hadoop);
            DatasetLayout.writeString(layout.summaryFile(), json, hadoop);
            return summary;
        } finally {
            outcomes.unpersist();
        }
    }

    /**
     * Fills the summary's change counts and, when anything changed, appends this run's new and
     * changed rows and writes (but does not publish) a new snapshot, checked complete. Returns
     * whether it did.
     */
    private static boolean write(SparkSession spark, DatasetLayout layout, String runId, Dataset<Row> previous,
            Dataset<Row> outcomes, PrepareSummary s) {
        for (String change : List.of(PreparePartitions.ADDED, PreparePartitions.UPDATED, PreparePartitions.UNCHANGED)) {
            s.changes.put(change, 0L);
        }
        for (Row r : outcomes.groupBy("change", "status").agg(count("*"), sum("merged_copies")).collectAsList()) {
            long n = r.getLong(2);
            s.changes.merge(r.getString(0), n, Long::sum);
            s.identicalCopiesMerged += r.isNullAt(3) ? 0 : r.getLong(3);
            if (DatasetLayout.ACCEPTED.equals(r.getString(1))) {
                s.shardRowsWritten += n;
            } else if (DatasetLayout.REJECTED.equals(r.getString(1))) {
                s.rejectRowsWritten += n;
            }
        }
        // Every previous pair seen again is updated or unchanged; the rest are gone.
        long removed = previous.count() - s.changes.get(PreparePartitions.UPDATED)
                - s.changes.get(PreparePartitions.UNCHANGED);
        s.changes.put("removed", removed);
        if (s.shardRowsWritten + s.rejectRowsWritten + removed == 0) {
            return false;
        }

        Dataset<Row> changed = outcomes.where(col("change").notEqual(PreparePartitions.UNCHANGED))
                .withColumn("run_id", lit(runId));
        Dataset<Row> located = spark.createDataFrame(List.of(), PrepareSchemas.MANIFEST).select("id", "row_file");
        if (s.shardRowsWritten > 0) {
            changed.where(col("status").equalTo(DatasetLayout.ACCEPTED))
                    .select(columns(PrepareSchemas.SHARD.fieldNames()))
                    .write().partitionBy("split").option("parquet.block.size", ROW_GROUP_BYTES)
                    .parquet(layout.shardsOf(runId));
            located = located.unionByName(rowFiles(spark, layout.shardsOf(runId),
                    DatasetLayout.runFolder(DatasetLayout.SHARDS, runId), 2));
        }
        if (s.rejectRowsWritten > 0) {
            // Rejects are few and small: one file per run.
            changed.where(col("status").equalTo(DatasetLayout.REJECTED))
                    .select(columns(PrepareSchemas.REJECT.fieldNames()))
                    .coalesce(1)
                    .write().parquet(layout.rejectsOf(runId));
            located = located.unionByName(rowFiles(spark, layout.rejectsOf(runId),
                    DatasetLayout.runFolder(DatasetLayout.REJECTS, runId), 1));
        }
        Dataset<Row> fresh = changed.join(located, new String[] {"id"}, "inner")
                .select(columns(PrepareSchemas.MANIFEST.fieldNames()));
        Dataset<Row> kept = previous
                .join(outcomes.where(col("change").equalTo(PreparePartitions.UNCHANGED)).select("id"),
                        new String[] {"id"}, "left_semi")
                .select(columns(PrepareSchemas.MANIFEST.fieldNames()));
        // One file sorted by id: a snapshot is small (ids and hashes) and read whole.
        kept.unionByName(fresh).repartition(1).sortWithinPartitions("id")
                .write().parquet(layout.manifestOf(runId));
        long written = spark.read().parquet(layout.manifestOf(runId)).count();
        if (written != s.pairsSeen) {
            throw new IllegalStateException("snapshot " + layout.manifestOf(runId) + " has " + written
                    + " pairs, the run saw " + s.pairsSeen + "; not publishing it");
        }
        return true;
    }

    /**
     * Where each row of a folder just written lives, as {@code (id, row_file)} with the file
     * relative to the dataset root: {@code runFolder} plus the last {@code depth} components of
     * the file's path (the split folder and the file name for shards, the file name for rejects;
     * names Spark chose, plain ASCII, so the tail of the path URI is the tail of the path).
     */
    private static Dataset<Row> rowFiles(SparkSession spark, String folder, String runFolder, int depth) {
        String tail = depth == 2 ? "([^/]+/[^/]+)$" : "([^/]+)$";
        return spark.read().parquet(folder).select(col("id"),
                concat(lit(runFolder + "/"), regexp_extract(col("_metadata.file_path"), tail, 1)).as("row_file"));
    }

    /**
     * Refuses a run whose parameters differ from those the dataset recorded; returns true when
     * there is no dataset yet (its first published run records them).
     */
    private static boolean checkParameters(DatasetLayout layout, DatasetParameters wanted, Configuration hadoop)
            throws IOException {
        String file = layout.parametersFile();
        if (!DatasetLayout.exists(file, hadoop)) {
            return true;
        }
        String why = DatasetParameters.fromJson(DatasetLayout.readString(file, hadoop)).incompatibility(wanted);
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
        Dataset<Row> maskFiles = InputListing.maskFiles(spark, options.masks, FileIds.of(options.maskPattern),
                options.output);
        long unmatched = maskFiles.where(col("mask_id").isNull()).count();
        maskFiles = maskFiles.where(col("mask_id").isNotNull());
        // A file that is a mask is not also an image, so images and masks may share a folder.
        Dataset<Row> imageFiles = InputListing.images(spark, options.images, options.glob, options.output)
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

    /** The current snapshot's counts: accepted pairs per split, rejected ones per reason. */
    private static void countSnapshot(SparkSession spark, DatasetLayout layout, PrepareSummary s) {
        for (String split : List.of(SplitRatios.TRAIN, SplitRatios.VALIDATION, SplitRatios.TEST)) {
            s.accepted.put(split, 0L);
        }
        if (s.manifestRunId == null) {
            return;
        }
        for (Row r : spark.read().parquet(layout.manifestOf(s.manifestRunId)).groupBy("status", "split", "reason").count()
                .orderBy("status", "reason", "split").collectAsList()) {
            Map<String, Long> target = DatasetLayout.ACCEPTED.equals(r.getString(0)) ? s.accepted : s.rejected;
            String key = DatasetLayout.ACCEPTED.equals(r.getString(0)) ? r.getString(1) : r.getString(2);
            target.merge(key, r.getLong(3), Long::sum);
        }
    }
}
