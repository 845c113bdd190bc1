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
 * ─▶ one MERGE into pairs/: new pairs inserted, changed ones replaced, gone ones deleted
 * </pre>
 *
 * <p>Incremental by content: a pair is processed again only when the hash of its files differs
 * from the one in the table. The table mirrors the corpus, and each run that changes anything is
 * one atomic commit: a run killed at any point leaves the table as it was, or as the run left it,
 * never a half (no row of a run that did not finish is visible to any reader), and the same
 * command, run again, does the rest. A run that changes nothing commits nothing.
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
        JobMain.run(new PrepareTrainingOptions(), args);
    }

    /** Runs the job and returns what it wrote to {@code prepare-summary.json}. */
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
        Long previousVersion = DeltaCommits.exists(spark, table) ? DeltaCommits.version(spark, table) : null;
        Dataset<Row> previous = previousVersion != null
                ? DeltaCommits.read(spark, table).select("id", "content_hash")
                : spark.createDataFrame(List.of(), PrepareSchemas.DATASET).select("id", "content_hash");

        // Not cached: a cached plan keeps its 200 shuffle partitions, while recomputing the
        // listing (paths already on the driver) is cheap and lets adaptive execution coalesce them.
        Listing listing = list(spark, options);
        Dataset<Row> pairs = listing.pairs();
        long seen = pairs.count();
        if (seen == 0) {
            throw new IllegalArgumentException("no image or mask files under " + options.images + " and "
                    + options.masks + "; refusing to publish an empty dataset");
        }
        int partitions = Partitions.of(options.partitions, seen, options.imagesPerPartition,
                spark.sparkContext().defaultParallelism());
        LOG.info("run {}: {} pairs in {} partitions, table version {}", runId, seen, partitions,
                previousVersion == null ? "none" : previousVersion);
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
            summary.previousVersion = previousVersion;
            summary.images = List.copyOf(options.images);
            summary.masks = List.copyOf(options.masks);
            summary.maskPattern = options.maskPattern;
            summary.output = options.output;
            summary.longerSide = options.longerSide;
            summary.split = ratios.asMap();
            summary.partitions = partitions;
            summary.pairsSeen = seen;
            summary.unmatchedMaskFiles = listing.unmatchedMaskFiles();
            long before = previousVersion == null ? 0 : previous.count();
            if (countChanges(outcomes, before, summary)) {
                if (newDataset) {
                    HadoopFiles.writeString(layout.parametersFile(), hadoop, parameters.toJson());
                }
                commit(spark, table, outcomes, runId);
            }
            summary.tableVersion = DeltaCommits.exists(spark, table) ? DeltaCommits.version(spark, table) : null;
            countTable(spark, table, summary);
            summary.started = startedAt.toString();
            summary.finished = Instant.now().toString();
            summary.wallSeconds = (System.nanoTime() - started) / 1e9;
            String json = summary.toJson();
            HadoopFiles.writeString(layout.summaryOf(runId), hadoop, json);
            HadoopFiles.writeString(layout.summaryFile(), hadoop, json);
            return summary;
        } finally {
            outcomes.unpersist();
        }
    }

    /**
     * Fills the summary's change counts (of {@code before} pairs in the table, every one seen
     * again is updated or unchanged, the rest are gone) and returns whether anything changed.
     */
    private static boolean countChanges(Dataset<Row> outcomes, long before, PrepareSummary s) {
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
        long removed = before - s.changes.get(PreparePartitions.UPDATED) - s.changes.get(PreparePartitions.UNCHANGED);
        s.changes.put("removed", removed);
        return s.shardRowsWritten + s.rejectRowsWritten + removed > 0;
    }

    /**
     * The run's one commit: new pairs inserted, changed ones replaced, pairs no longer in the
     * corpus deleted. Every pair seen is in the merge's source (an unchanged one with only its id
     * and split), so that "not in the source" means "gone from the corpus".
     */
    private static void commit(SparkSession spark, String table, Dataset<Row> outcomes, String runId) {
        spark.conf().set("parquet.block.size", Long.toString(ROW_GROUP_BYTES));
        DeltaCommits.create(spark, table, PrepareSchemas.DATASET, List.of("split"), Map.of());
        List<Column> out = new ArrayList<>();
        Map<String, Column> values = new LinkedHashMap<>();
        for (String name : PrepareSchemas.DATASET.fieldNames()) {
            out.add(name.equals("run_id") ? lit(runId).as(name) : col(name));
            values.put(name, col("s." + name));
        }
        out.add(col("change"));
        Dataset<Row> source = outcomes.select(out.toArray(Column[]::new));
        DeltaCommits.merge(spark, source, table, "t.split = s.split AND t.id = s.id",
                m -> m.whenMatched("s.change = '" + PreparePartitions.UPDATED + "'").update(values)
                        .whenNotMatched("s.change = '" + PreparePartitions.ADDED + "'").insert(values)
                        .whenNotMatchedBySource().delete(),
                runId, 0, "dermaseg prepare-training run " + runId);
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
