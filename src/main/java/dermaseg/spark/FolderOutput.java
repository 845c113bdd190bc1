package dermaseg.spark;

import static org.apache.spark.sql.functions.col;

import dermaseg.io.HadoopConf;
import dermaseg.io.HadoopFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment job's one-off output: a folder of Parquet ({@code masks/}, {@code metrics/}), the
 * optional {@code png/} masks and {@code summary.json}, written last, so that a folder without it
 * is an unfinished run.
 *
 * <p>{@code --overwrite} replaces an existing output only once the new one is complete: the run
 * writes into a hidden sibling ({@code _<name>.replacing-<run>}), then moves the old output aside
 * ({@code _<name>.replaced-<run>}), moves the new one into place and deletes the old. A run killed
 * at any point leaves the old output, or the new, whole at its name (or, killed between the two
 * moves, the old one whole under the hidden name). On S3 each move is a copy.
 */
final class FolderOutput {
    private static final Logger LOG = LoggerFactory.getLogger(FolderOutput.class);

    private FolderOutput() {
    }

    static RunSummary run(SparkSession spark, SegmentOptions options, List<Row> listed,
            LesionSegmentation segmentation, String runId, Instant startedAt) throws IOException {
        long started = System.nanoTime();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        boolean replacing = HadoopFiles.exists(options.output, hadoop);
        if (replacing && !options.overwrite) {
            throw new IllegalArgumentException("output " + options.output + " exists; pass --overwrite to replace it");
        }
        ResolvedSettings settings = segmentation.resolveSettings(hadoop);
        Dataset<Row> listing = spark.createDataFrame(listed, InputListing.LISTED);
        long images = listed.size();
        String target = options.output;
        if (replacing) {
            removeLeftovers(options.output, hadoop);
            target = sibling(options.output, "replacing", runId);
        }
        int partitions = options.partitioning.count(images, spark);
        LOG.info("run {}: {} images in {} partitions, model {}", runId, images, partitions, settings.modelVersion());

        try (ProgressListener progress = ProgressListener.start(spark, "segment", images)) {
            // The Transformer takes its input as an RDD, which runs the listing's shuffle right away.
            Dataset<Row> result = progress.counting(Phases.get(spark, "segment: spreading the listing over "
                    + partitions + " partitions", () -> SegmentRows.segment(listing, segmentation, settings,
                            partitions, runId)));
            try {
                // Segmented here, in parallel, into the cache: the writes below then read it, and
                // the progress lines come from this job alone.
                Phases.run(spark, "segment: FCN + superpixels + fusion",
                        () -> result.persist(StorageLevel.MEMORY_AND_DISK()).count());
                String masksFolder = HadoopFiles.child(target, "masks");
                Phases.run(spark, "segment: writing masks",
                        () -> SegmentRows.masks(result).write().mode(SaveMode.ErrorIfExists).parquet(masksFolder));
                if (options.masks != null) {
                    String metricsFolder = HadoopFiles.child(target, "metrics");
                    Phases.run(spark, "segment: writing metrics", () -> SegmentRows.metrics(result).write()
                            .mode(SaveMode.ErrorIfExists).parquet(metricsFolder));
                }
                if (options.png) {
                    String pngFolder = HadoopFiles.child(target, "png");
                    Phases.run(spark, "segment: writing PNG masks",
                            () -> exportPngs(result, pngFolder, new HadoopConf(hadoop)));
                }
                SummaryTally tally = new SummaryTally();
                Phases.run(spark, "segment: summary", () -> tally.add(result));
                RunSummary summary = summary(options, settings, runId, partitions, images, tally);
                summary.started = startedAt.toString();
                summary.finished = Instant.now().toString();
                summary.wallSeconds = (System.nanoTime() - started) / 1e9;
                summary.imagesPerSecond = summary.wallSeconds > 0 ? summary.images / summary.wallSeconds : 0;
                HadoopFiles.writeString(HadoopFiles.child(target, "summary.json"), hadoop, summary.toJson());
                if (replacing) {
                    swap(target, options.output, runId, hadoop);
                }
                return summary;
            } finally {
                result.unpersist();
            }
        }
    }

    static RunSummary summary(SegmentOptions options, ResolvedSettings settings, String runId, int partitions,
            long listed, SummaryTally tally) {
        RunSummary s = new RunSummary();
        s.runId = runId;
        s.mode = options.incremental ? "table" : "folder";
        s.settings(settings);
        s.input = List.copyOf(options.inputs);
        s.masks = options.masks;
        s.output = options.output;
        s.partitions = partitions;
        s.listed = listed;
        tally.fill(s);
        return s;
    }

    /** {@code png/<id>.png} for every row with a mask. */
    static void exportPngs(Dataset<Row> result, String folder, HadoopConf hadoop) {
        result.where(col("status").equalTo(FusedMasks.OK)).select("image_id", "mask_png")
                .foreachPartition((ForeachPartitionFunction<Row>) rows -> {
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        String key = SafeKeys.fileName(r.getString(0), ".png");
                        HadoopFiles.write(HadoopFiles.child(folder, key), hadoop.get(), (byte[]) r.get(1));
                    }
                });
    }

    /** A hidden sibling of {@code output}: {@code <parent>/_<name>.<what>-<runId>}. */
    static String sibling(String output, String what, String runId) {
        Path path = HadoopFiles.path(output.replaceAll("/+$", ""));
        if (path.getParent() == null) {
            throw new IllegalArgumentException("cannot --overwrite " + output + ": it has no parent folder to "
                    + "prepare the new output in");
        }
        return new Path(path.getParent(), "_" + path.getName() + "." + what + "-" + runId).toString();
    }

    /** New output in place, old one aside then deleted: never a moment without a whole output somewhere. */
    private static void swap(String fresh, String output, String runId, Configuration hadoop) throws IOException {
        String old = sibling(output, "replaced", runId);
        HadoopFiles.rename(output, old, hadoop);
        HadoopFiles.rename(fresh, output, hadoop);
        HadoopFiles.delete(old, hadoop);
    }

    /** Half-written replacements of earlier killed runs; old outputs set aside, once the output is back. */
    private static void removeLeftovers(String output, Configuration hadoop) throws IOException {
        for (String what : List.of("replacing", "replaced")) {
            Path pattern = HadoopFiles.path(sibling(output, what, "*"));
            FileSystem fs = pattern.getFileSystem(hadoop);
            FileStatus[] leftovers = fs.globStatus(pattern);
            for (FileStatus s : leftovers == null ? new FileStatus[0] : leftovers) {
                LOG.warn("removing {}, left by an earlier run that did not finish", s.getPath());
                fs.delete(s.getPath(), true);
            }
        }
    }
}
