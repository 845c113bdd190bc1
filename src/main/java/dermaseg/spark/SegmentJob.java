package dermaseg.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.ModelCard;
import dermaseg.pipeline.CardSettings;
import dermaseg.pipeline.SegmenterConfig;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The segment job: image files on any Hadoop file system (local disk, S3 through S3A) in, lesion
 * masks and metrics as Parquet out.
 *
 * <pre>
 * listing (paths only) ─repartition─▶ stage 1: read, decode, FCN in batches  (mapPartitions)
 *                                   ▶ stage 2: superpixel fine-tuning        (mapPartitions)
 *                                   ▶ stage 3: fusion, Otsu, clean-up, metrics (mapPartitions)
 *                                   ▶ masks/ metrics/ summary.json [png/]
 * </pre>
 *
 * <p>A thin shell: the pixels are handled by the pipeline package, exactly as on one machine.
 */
public final class SegmentJob {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentJob.class);

    private SegmentJob() {
    }

    /** Entry point for {@code spark-submit} and {@code jobs/segment}. */
    public static void main(String[] args) {
        DjlRuntime.ensureOffline();
        System.exit(new CommandLine(new SegmentOptions()).execute(args));
    }

    /** Runs the job and returns what it wrote to {@code summary.json}. */
    public static RunSummary run(SparkSession spark, SegmentOptions options) throws IOException {
        options.validate();
        DjlRuntime.ensureOffline();
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        String runId = runId(startedAt);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (!options.overwrite) {
            prepareOutput(options.output, false, hadoop);  // refuses an existing output at once
        }

        ModelCard card = ExecutorModels.resolve(options.model, hadoop).readCard();
        SegmenterConfig base = options.segmenterConfig();
        SegmenterConfig config = base.toBuilder()
                .refine(options.refineOverrides(CardSettings.refine(base, card)))
                .fusion(CardSettings.fusion(base, card))
                .build();
        SegmentSettings settings = new SegmentSettings(options.model, card.version, runId, config,
                new HadoopConf(hadoop));

        Dataset<Row> listing = InputListing.build(spark, options.inputs, options.glob, options.masks,
                FileIds.of(options.maskPattern), options.output);
        long images = listing.count();
        // Only now, with the model card read and the inputs listed: a run that fails before this
        // point must leave the previous output as it was.
        if (options.overwrite) {
            prepareOutput(options.output, true, hadoop);
        }
        int partitions = options.partitions != null ? options.partitions
                : partitionsFor(images, options.imagesPerPartition, spark.sparkContext().defaultParallelism());
        LOG.info("run {}: {} images in {} partitions, model {}", runId, images, partitions, card.version);

        Dataset<Row> result = listing.repartition(partitions)
                .mapPartitions(new GlobalMapPartitions(settings), Encoders.row(Schemas.STAGE))
                .mapPartitions(new RefinePartitions(settings), Encoders.row(Schemas.STAGE))
                .mapPartitions(new FusionPartitions(settings), Encoders.row(Schemas.RESULT))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            SaveMode mode = options.overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
            result.select(columns(Schemas.MASKS.fieldNames())).write().mode(mode)
                    .parquet(HadoopFiles.child(options.output, "masks"));
            if (options.masks != null) {
                result.select(explode(col("metrics")).as("m")).select("m.*").write().mode(mode)
                        .parquet(HadoopFiles.child(options.output, "metrics"));
            }
            if (options.png) {
                exportPngs(result, HadoopFiles.child(options.output, "png"), settings.hadoop());
            }
            RunSummary summary = summarise(result, options, settings, partitions);
            summary.started = startedAt.toString();
            summary.finished = Instant.now().toString();
            summary.wallSeconds = (System.nanoTime() - started) / 1e9;
            summary.imagesPerSecond = summary.wallSeconds > 0 ? summary.images / summary.wallSeconds : 0;
            HadoopFiles.writeString(HadoopFiles.child(options.output, "summary.json"), hadoop, summary.toJson());
            return summary;
        } finally {
            result.unpersist();
        }
    }

    /**
     * About {@code perPartition} images each, the count rounded up to a whole number of waves
     * over the cluster's task slots, so that the last wave does not leave slots idle (15
     * partitions on 2 slots would run the 15th alone), but never more partitions than images.
     */
    static int partitionsFor(long images, int perPartition, int slots) {
        long byTarget = Math.max(1, (images + perPartition - 1) / perPartition);
        long waves = (byTarget + slots - 1) / slots;
        long rounded = Math.min(waves * slots, Math.max(1, images));
        return (int) Math.min(100_000, Math.max(byTarget, rounded));
    }

    private static RunSummary summarise(Dataset<Row> result, SegmentOptions options, SegmentSettings settings,
            int partitions) {
        RunSummary s = new RunSummary();
        s.runId = settings.runId();
        s.modelVersion = settings.modelVersion();
        s.fusionWeight = settings.config().fusion().globalWeight();
        s.analysisMaxSide = settings.config().analysisMaxSide();
        s.maxPixels = settings.config().limits().maxPixels();
        s.maxBytes = settings.config().limits().maxBytes();
        s.refine = CardSettings.record(settings.config().refine());
        s.input = List.copyOf(options.inputs);
        s.masks = options.masks;
        s.output = options.output;
        s.partitions = partitions;
        s.batchSize = settings.config().batchSize();
        // One pass over the rows for every count and mean (each separate aggregation would be a
        // Spark job of its own: a measurable share of a run's wall time); folded on the driver.
        String[] stages = {"decode_ms", "fcn_ms", "superpixel_ms", "ranking_ms", "fusion_ms", "encode_ms"};
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count("*"));
        aggregates.add(max("model_loads"));
        for (String stage : stages) {
            aggregates.add(sum(when(col("status").equalTo("ok"), col(stage))));
            aggregates.add(count(when(col("status").equalTo("ok"), col(stage))));
        }
        List<Row> groups = result.groupBy("status", "error", "ground_truth_status", "executor")
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .collectAsList();
        double[] stageSums = new double[stages.length];
        long[] stageCounts = new long[stages.length];
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> groundTruth = new TreeMap<>();
        Map<String, Integer> loads = new TreeMap<>();
        for (Row g : groups) {
            long n = g.getLong(4);
            s.status.merge(g.getString(0), n, Long::sum);
            s.images += n;
            if ("error".equals(g.getString(0)) && !g.isNullAt(1)) {
                errors.merge(g.getString(1), n, Long::sum);
            }
            if (!g.isNullAt(2)) {
                groundTruth.merge(g.getString(2), n, Long::sum);
            }
            if (!g.isNullAt(5) && !g.isNullAt(3)) {
                loads.merge(g.getString(3), g.getInt(5), Math::max);
            }
            for (int i = 0; i < stages.length; i++) {
                if (!g.isNullAt(6 + 2 * i)) {
                    stageSums[i] += g.getDouble(6 + 2 * i);
                }
                stageCounts[i] += g.getLong(7 + 2 * i);
            }
        }
        s.errors.putAll(errors);
        s.groundTruth.putAll(groundTruth);
        s.modelLoadsPerExecutor.putAll(loads);
        for (int i = 0; i < stages.length; i++) {
            if (stageCounts[i] > 0) {
                s.meanStageMs.put(stages[i].replace("_ms", ""), stageSums[i] / stageCounts[i]);
            }
        }
        if (options.masks != null) {
            String[] metrics = {"jaccard", "dice", "sensitivity", "specificity", "accuracy", "thresholded_jaccard"};
            Dataset<Row> perStage = result.select(explode(col("metrics")).as("m")).select("m.*")
                    .groupBy("stage").agg(avg(metrics[0]), Arrays.stream(metrics).skip(1)
                            .map(m -> avg(m)).toArray(Column[]::new))
                    .orderBy("stage");
            for (Row r : perStage.collectAsList()) {
                Map<String, Double> means = new LinkedHashMap<>();
                for (int i = 0; i < metrics.length; i++) {
                    means.put(metrics[i], r.getDouble(i + 1));
                }
                s.meanMetrics.put(r.getString(0), means);
            }
        }
        return s;
    }

    private static void exportPngs(Dataset<Row> result, String folder, HadoopConf hadoop) {
        result.where(col("status").equalTo("ok")).select("image_id", "mask_png")
                .foreachPartition((ForeachPartitionFunction<Row>) rows -> {
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        String key = SafeKeys.fileName(r.getString(0), ".png");
                        HadoopFiles.write(HadoopFiles.child(folder, key), hadoop.get(), (byte[]) r.get(1));
                    }
                });
    }

    /** Refuses an existing output folder, or deletes it when {@code overwrite}. */
    static void prepareOutput(String output, boolean overwrite, Configuration hadoop) throws IOException {
        Path path = new Path(output);
        FileSystem fs = path.getFileSystem(hadoop);
        if (fs.exists(path)) {
            if (!overwrite) {
                throw new IllegalArgumentException("output " + output + " exists; pass --overwrite to replace it");
            }
            fs.delete(path, true);
        }
    }

    private static Column[] columns(String[] names) {
        return Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
    }

    static String runId(Instant at) {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(at);
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return time + "-" + HexFormat.of().formatHex(random);
    }
}
