package dermaseg.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.ModelCard;
import dermaseg.io.HadoopFiles;
import dermaseg.report.ReportContent;
import dermaseg.report.ReportPage;
import dermaseg.report.ReportPlots;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluate job: a segment run's output and ground-truth masks in; metric tables and a static
 * HTML report out.
 *
 * <pre>
 * masks/ ⋈ ground truth (by id) ⋈ metrics/ ─▶ plan: per image, reuse | rerun | why not scored
 *   rerun ─repartition─▶ the pipeline again (mapPartitions) ─▶ fcn/superpixel/fused scores
 *   ─▶ data/metrics/ data/images/ (Parquet) ─▶ means, plots ─▶ worst/best/named ─▶ figures (re-run)
 *   ─▶ index.html, plots/*.png, gallery/*.png, data/summary.json
 * </pre>
 *
 * <p>Metrics the segment run wrote are reused when they were computed against the same
 * ground-truth file; otherwise the image is segmented again, because {@code masks/} keeps only
 * the fused mask and the FCN and superpixel variants need the maps. A re-run must use the segment
 * run's model (checked by version) and settings (read from its {@code summary.json}); its fused
 * mask is compared with the stored one, and the report says when they differ.
 */
public final class EvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

    /** An image's outcome in {@code data/images/}. */
    static final String SCORED = "scored";
    static final String SEGMENT_ERROR = "segment_error";
    static final String NO_GROUND_TRUTH = "no_ground_truth";
    static final String GROUND_TRUTH_ERROR = "ground_truth_error";
    static final String RERUN_ERROR = "rerun_error";

    /** What the plan does with an image that has ground truth: reuse its metrics or segment it again. */
    private static final String REUSE = "reuse";
    private static final String RERUN = "rerun";

    /**
     * A re-run whose fused mask agrees with the stored one at a lower Jaccard than this did not
     * reproduce the segment run, and the report says so. Not 1: libtorch on another machine or
     * thread count may round a probability across a quantisation step and move a border pixel.
     */
    static final double REPRODUCED = 0.99;

    /** The metric stages in pipeline order: the order of every table and plot. */
    static final List<String> STAGES = Schemas.METRIC_STAGES;

    /** What a re-run takes of the plan: the image, where it is, its ground truth, the stored mask. */
    private static final String[] RERUN_INPUT = {"image_id", "source", "ground_truth", "mask_png", "run_id"};

    private EvaluateJob() {
    }

    /** Entry point for {@code spark-submit} and {@code jobs/evaluate}. */
    public static void main(String[] args) {
        System.exit(JobMain.execute(new EvaluateOptions(), args));
    }

    /**
     * Runs the job and returns what it wrote to {@code data/summary.json}.
     *
     * @throws EmptyCorpusException when the segment output holds no images (a run with {@code
     *                              --allow-empty}); nothing is written then
     */
    public static EvaluationSummary run(SparkSession spark, EvaluateOptions o) throws IOException {
        o.validate();
        DjlRuntime.ensureOffline();
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        o.checkPaths(hadoop);
        String masksDir = HadoopFiles.child(o.segmentOutput, "masks");
        RunSummary run = readRunSummary(o.segmentOutput, hadoop);
        List<String> notes = new ArrayList<>();

        String metricsDir = HadoopFiles.child(o.segmentOutput, "metrics");
        Dataset<Row> segment = Phases.get(spark, "evaluate: reading the segment run's masks",
                () -> read(spark, masksDir, run, hadoop));
        Dataset<Row> stored = exists(metricsDir, hadoop)
                ? Phases.get(spark, "evaluate: reading the segment run's metrics",
                        () -> read(spark, metricsDir, run, hadoop))
                : null;
        if (stored != null && !hasEveryScore(stored)) {
            notes.add("The segment run's metrics/ predate border distances and pixel counts: every image with "
                    + "ground truth was segmented and scored again.");
            stored = null;
        }
        Dataset<Row> plan = plan(spark, segment, stored, o).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> rerun = null;
        try {
            Row sizes = Phases.get(spark, "evaluate: planning (stored metrics against the ground truth)",
                    () -> plan.agg(count(lit(1)), count(when(col("action").equalTo(RERUN), true))).first());
            if (sizes.getLong(0) == 0) {
                // Before anything is written (or an old report deleted): a report of nothing helps nobody.
                throw new EmptyCorpusException("the segment output " + o.segmentOutput + " holds no images; no "
                        + "report written");
            }
            long rerunImages = sizes.getLong(1);
            // Checked before anything is written: a wrong model must cost nothing but the message.
            boolean figures = o.gallery > 0 || !o.namedIds().isEmpty();
            LesionSegmentation segmentation = rerunImages > 0 || figures
                    ? Phases.get(spark, "evaluate: checking the model against masks/",
                            () -> rerunSegmentation(segment, run, o, hadoop, notes))
                    : null;
            if (o.overwrite) {
                HadoopFiles.delete(o.report, hadoop);
            }
            if (rerunImages > 0) {
                int partitions = o.partitioning.count(rerunImages, spark);
                LOG.info("evaluate: {} images to segment again, in {} partitions", rerunImages, partitions);
                Dataset<Row> storedMasks = segment.where(col("status").equalTo(FusedMasks.OK))
                        .select(col("image_id").as("k"), col("mask_png"));
                Dataset<Row> input = plan.where(col("action").equalTo(RERUN))
                        .join(storedMasks, col("image_id").equalTo(col("k")), "left")
                        .select(columns(RERUN_INPUT));
                // The Transformer takes its input as an RDD, which runs the plan's joins right away.
                rerun = Phases.get(spark, "evaluate: spreading " + rerunImages + " images to segment again over "
                        + partitions + " partitions", () -> Reruns.scores(input, segmentation, partitions))
                        .persist(StorageLevel.MEMORY_AND_DISK());
            }
            String metricsOut = HadoopFiles.child(o.report, "data/metrics");
            Dataset<Row> metricRows = metrics(plan, stored, rerun);
            Phases.run(spark, rerunImages > 0 ? "evaluate: segmenting " + rerunImages + " images again, writing "
                    + "metrics" : "evaluate: writing metrics",
                    () -> metricRows.write().mode(SaveMode.ErrorIfExists).parquet(metricsOut));
            Dataset<Row> metrics = spark.read().parquet(metricsOut);
            String imagesOut = HadoopFiles.child(o.report, "data/images");
            Dataset<Row> imageRows = images(plan, rerun, metrics);
            Phases.run(spark, "evaluate: writing the image table",
                    () -> imageRows.write().mode(SaveMode.ErrorIfExists).parquet(imagesOut));
            Dataset<Row> images = spark.read().parquet(imagesOut);

            StageScores scores = Phases.get(spark, "evaluate: scores per stage", () -> stageScores(metrics));
            EvaluationSummary s = Phases.get(spark, "evaluate: summary",
                    () -> summarise(images, scores, o, run, rerunImages, notes));
            s.notes = notes;
            List<ReportContent.GallerySection> sections = Phases.get(spark, "evaluate: gallery figures",
                    () -> gallery(images, metrics, plan, o, s).render(segmentation, o.figureSide, o.report,
                            hadoop));
            List<ReportContent.Plot> plots = Phases.get(spark, "evaluate: plots",
                    () -> plots(metrics, o.report, hadoop));

            ReportContent content = new ReportContent("dermaseg evaluation: " + s.segmentRunId,
                    facts(o, s, run, startedAt), s.images, s.outcomes, s.reasons, s.origins, scores.ablation(),
                    notes, plots, sections, List.of(new ReportContent.Fact("summary (JSON)", "data/summary.json")));
            HadoopFiles.writeString(HadoopFiles.child(o.report, "index.html"), hadoop, ReportPage.render(content));
            s.started = startedAt.toString();
            s.wallSeconds = (System.nanoTime() - started) / 1e9;
            HadoopFiles.writeString(HadoopFiles.child(o.report, "data/summary.json"), hadoop, s.toJson());
            return s;
        } finally {
            plan.unpersist();
            if (rerun != null) {
                rerun.unpersist();
            }
        }
    }

    /**
     * One row per {@code masks/} row: the image, where it is now, its ground truth now and then,
     * how many metric rows the segment run left for it, and what to do ({@code action}).
     */
    private static Dataset<Row> plan(SparkSession spark, Dataset<Row> segment, Dataset<Row> stored,
            EvaluateOptions o) {
        Dataset<Row> truth = InputListing.masks(spark, o.masks, o.maskPattern.ids(), o.report);
        Dataset<Row> p = segment.join(truth, segment.col("image_id").equalTo(truth.col("mask_id")), "left");
        Column storedCount = lit(0L);
        if (stored != null) {
            Dataset<Row> counts = stored.groupBy(col("image_id").as("metric_id")).agg(count("*").as("stored_metrics"));
            p = p.join(counts, col("image_id").equalTo(col("metric_id")), "left");
            storedCount = coalesce(col("stored_metrics"), lit(0L));
        }
        Column source = segment.col("source");
        if (o.images != null) {
            Dataset<Row> listed = InputListing.images(spark, List.of(o.images), o.glob.glob, o.report)
                    .groupBy(col("image_id").as("listed_id")).agg(min("source").as("listed_source"));
            p = p.join(listed, col("image_id").equalTo(col("listed_id")), "left");
            source = col("listed_source");
        }
        Column sameTruth = segment.col("ground_truth").eqNullSafe(truth.col("ground_truth"));
        Column action = when(segment.col("status").notEqual(FusedMasks.OK), SEGMENT_ERROR)
                .when(truth.col("ground_truth").isNull(), NO_GROUND_TRUTH)
                .when(sameTruth.and(storedCount.equalTo(STAGES.size())), REUSE)
                // The same file was already found unusable (wrong size, undecodable): no need to segment again.
                .when(sameTruth.and(segment.col("ground_truth_status").isNotNull())
                        .and(segment.col("ground_truth_status").notEqual(Scoring.GroundTruth.OK)), GROUND_TRUTH_ERROR)
                .otherwise(RERUN);
        return p.select(
                segment.col("image_id"),
                source.as("source"),
                segment.col("status").as("segment_status"),
                segment.col("error").as("segment_error"),
                segment.col("error_detail").as("segment_error_detail"),
                segment.col("ground_truth_status").as("segment_ground_truth_status"),
                truth.col("ground_truth"),
                segment.col("width"),
                segment.col("height"),
                segment.col("lesion_fraction"),
                segment.col("mean_fcn_probability"),
                segment.col("model_version"),
                segment.col("run_id"),
                action.as("action"));
    }

    /** {@link Schemas#EVALUATION_METRICS}: the segment run's rows where reused, the re-runs' otherwise. */
    private static Dataset<Row> metrics(Dataset<Row> plan, Dataset<Row> stored, Dataset<Row> rerun) {
        Column[] out = columns(Schemas.EVALUATION_METRICS.fieldNames());
        Dataset<Row> result = null;
        if (stored != null) {
            Dataset<Row> reuse = plan.where(col("action").equalTo(REUSE)).select(col("image_id").as("k"));
            result = withKeyColumns(stored).join(reuse, stored.col("image_id").equalTo(reuse.col("k")), "left_semi")
                    .withColumn("origin", lit("segment")).select(out);
        }
        if (rerun != null) {
            Dataset<Row> fresh = SegmentRows.metrics(rerun).withColumn("origin", lit(RERUN)).select(out);
            result = result == null ? fresh : result.unionByName(fresh);
        }
        if (result == null) {
            return plan.sparkSession().createDataFrame(List.of(), Schemas.EVALUATION_METRICS);
        }
        return result;
    }

    /** Whether stored metric rows have every score this version writes, so that they can be reused. */
    private static boolean hasEveryScore(Dataset<Row> stored) {
        List<String> columns = Arrays.asList(stored.columns());
        return columns.containsAll(Schemas.MEAN_SCORE_NAMES) && columns.containsAll(Schemas.PIXEL_COUNT_NAMES);
    }

    /** Metric rows of a segment run written before they carried their mask's key: the key left null. */
    private static Dataset<Row> withKeyColumns(Dataset<Row> stored) {
        Dataset<Row> d = stored;
        for (String key : List.of("content_hash", "model_version", "settings_hash")) {
            if (!Arrays.asList(d.columns()).contains(key)) {
                d = d.withColumn(key, lit(null).cast("string"));
            }
        }
        return d;
    }

    /** {@link Schemas#EVALUATION_IMAGES}: every {@code masks/} row with its outcome and reason. */
    private static Dataset<Row> images(Dataset<Row> plan, Dataset<Row> rerun, Dataset<Row> metrics) {
        Dataset<Row> p = plan;
        Column rerunStatus = lit(null).cast("string");
        Column rerunError = lit(null).cast("string");
        Column rerunDetail = lit(null).cast("string");
        Column rerunTruth = lit(null).cast("string");
        Column agreement = lit(null).cast("double");
        if (rerun != null) {
            Dataset<Row> r = rerun.select(col("image_id").as("r_id"), col("status").as("r_status"),
                    col("error").as("r_error"), col("error_detail").as("r_detail"),
                    col("ground_truth_status").as("r_truth"), col("rerun_mask_jaccard"));
            // Duplicate ids share an image_id with the row that was segmented: match re-run rows only.
            p = p.join(r, col("image_id").equalTo(col("r_id")).and(col("action").equalTo(RERUN)), "left");
            rerunStatus = col("r_status");
            rerunError = col("r_error");
            rerunDetail = col("r_detail");
            rerunTruth = col("r_truth");
            agreement = col("rerun_mask_jaccard");
        }
        Column action = col("action");
        Column outcome = when(action.equalTo(SEGMENT_ERROR), SEGMENT_ERROR)
                .when(action.equalTo(NO_GROUND_TRUTH), NO_GROUND_TRUTH)
                .when(action.equalTo(GROUND_TRUTH_ERROR), GROUND_TRUTH_ERROR)
                .when(action.equalTo(REUSE), SCORED)
                .when(rerunStatus.equalTo(FusedMasks.ERROR), RERUN_ERROR)
                .when(rerunTruth.equalTo(Scoring.GroundTruth.OK), SCORED)
                .otherwise(GROUND_TRUTH_ERROR);
        Dataset<Row> fused = metrics.where(col("stage").equalTo("fused"))
                .select(col("image_id").as("f_id"), col("jaccard").as("fused_jaccard"));
        p = p.withColumn("outcome", outcome)
                .withColumn("truth_status", when(action.equalTo(REUSE), Scoring.GroundTruth.OK)
                        .when(action.equalTo(RERUN), rerunTruth)
                        .when(action.equalTo(GROUND_TRUTH_ERROR), col("segment_ground_truth_status")))
                .withColumn("rerun_error", rerunError)
                .withColumn("rerun_detail", rerunDetail)
                .withColumn("agreement", agreement);
        p = p.join(fused, col("image_id").equalTo(col("f_id")).and(col("outcome").equalTo(SCORED)), "left");
        Column o = col("outcome");
        return p.select(
                col("image_id"),
                col("source"),
                o,
                when(o.equalTo(SEGMENT_ERROR), col("segment_error"))
                        .when(o.equalTo(GROUND_TRUTH_ERROR), col("truth_status"))
                        .when(o.equalTo(RERUN_ERROR), col("rerun_error")).as("reason"),
                when(o.equalTo(SEGMENT_ERROR), col("segment_error_detail"))
                        .when(o.equalTo(RERUN_ERROR), col("rerun_detail")).as("reason_detail"),
                col("segment_status"),
                col("ground_truth"),
                col("truth_status").as("ground_truth_status"),
                when(action.equalTo(REUSE), "segment").when(o.equalTo(SCORED), RERUN).as("metrics_origin"),
                col("agreement").as("rerun_mask_jaccard"),
                col("fused_jaccard"),
                col("lesion_fraction"),
                col("mean_fcn_probability"),
                col("model_version"),
                col("run_id"));
    }

    /**
     * The Transformer for re-runs: the segment run's model (refused unless its version is the one
     * in {@code masks/}) and the pipeline settings its summary recorded. A note says when those
     * cannot be reproduced exactly (a summary that does not record them, or a setting the model
     * card of {@code --model} no longer has).
     */
    private static LesionSegmentation rerunSegmentation(Dataset<Row> segment, RunSummary run, EvaluateOptions o,
            Configuration hadoop, List<String> notes) {
        LesionSegmentation t = new LesionSegmentation().setModel(o.model.model()).setBatchSize(o.batchSize.batchSize);
        boolean recorded = run != null && run.refine != null && run.analysisMaxSide != null;
        if (recorded) {
            t.setAnalysisMaxSide(run.analysisMaxSide).setFusionWeight(run.fusionWeight);
            if (run.maxPixels != null) {
                t.setMaxPixels(run.maxPixels);
            }
            if (run.maxBytes != null) {
                t.setMaxBytes(run.maxBytes);
            }
            ModelCard.Refine r = run.refine;
            if (r.superpixels != null) {
                t.setSuperpixels(r.superpixels);
            }
            if (r.sigmaScale != null) {
                t.setSigmaScale(r.sigmaScale);
            }
            if (r.lesionSeedThreshold != null && r.skinSeedThreshold != null) {
                t.setLesionSeedThreshold(r.lesionSeedThreshold).setSkinSeedThreshold(r.skinSeedThreshold);
            }
        } else {
            notes.add("The segment run's summary.json does not record its pipeline settings; re-runs used the "
                    + "model card's settings and the default analysis size.");
        }
        ResolvedSettings resolved = t.resolveSettings(hadoop);
        List<String> versions = segment.where(col("status").equalTo(FusedMasks.OK)).select("model_version")
                .distinct().orderBy("model_version").as(Encoders.STRING()).collectAsList();
        if (!versions.isEmpty() && !versions.equals(List.of(resolved.modelVersion()))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s was segmented with model %s, but --model %s is model %s: a re-run with another model "
                            + "would score masks that the segment run did not make. Pass --model <folder of model %s>.",
                    o.segmentOutput, String.join(", ", versions), o.model.model(), resolved.modelVersion(),
                    versions.get(0)));
        }
        if (recorded && run.settingsHash != null && !run.settingsHash.equals(resolved.settingsHash())) {
            notes.add("Re-runs could not reproduce the segment run's stage settings exactly (settings hash "
                    + resolved.settingsHash() + ", the run's " + run.settingsHash + "): the model card of --model "
                    + "differs in a setting the run did not give on its command line.");
        }
        return t;
    }

    private static EvaluationSummary summarise(Dataset<Row> images, StageScores scores, EvaluateOptions o,
            RunSummary run, long rerunImages, List<String> notes) {
        EvaluationSummary s = new EvaluationSummary();
        s.segmentOutput = o.segmentOutput;
        s.masks = o.masks;
        s.report = o.report;
        s.rerunImages = rerunImages;
        s.segmentRunId = distinct(images, "run_id");
        s.modelVersion = distinct(images, "model_version");
        if (s.segmentRunId == null && run != null) {
            s.segmentRunId = run.runId;
        }
        for (Row r : images.groupBy("outcome").agg(count("*").as("n")).orderBy(col("n").desc(), col("outcome"))
                .collectAsList()) {
            s.outcomes.put(r.getString(0), r.getLong(1));
            s.images += r.getLong(1);
        }
        for (Row r : images.where(col("outcome").notEqual(SCORED)).groupBy("outcome", "reason")
                .agg(count("*").as("n")).orderBy(col("n").desc(), col("outcome"), col("reason")).collectAsList()) {
            s.reasons.put(r.isNullAt(1) ? r.getString(0) : r.getString(0) + " / " + r.getString(1), r.getLong(2));
        }
        for (Row r : images.where(col("outcome").equalTo(SCORED)).groupBy("metrics_origin").agg(count("*"))
                .orderBy("metrics_origin").collectAsList()) {
            s.origins.put(r.getString(0), r.getLong(1));
        }
        s.meanMetrics.putAll(scores.means());
        s.pooledMetrics.putAll(scores.pooled());
        Row agreement = images.agg(count("rerun_mask_jaccard"), min("rerun_mask_jaccard"),
                count(when(col("rerun_mask_jaccard").lt(REPRODUCED), 1))).first();
        if (agreement.getLong(0) > 0) {
            s.lowestRerunAgreement = agreement.getDouble(1);
            long differ = agreement.getLong(2);
            if (differ > 0) {
                notes.add(String.format(Locale.ROOT, "%d of %d re-run images gave a fused mask that differs from "
                        + "the stored one (lowest agreement: Jaccard %.4f): the re-run did not reproduce the segment "
                        + "run there, so those images' scores describe the re-run, not the stored masks.", differ,
                        agreement.getLong(0), s.lowestRerunAgreement));
            }
        }
        return s;
    }

    /** The single value of a column, or "a, b" when there are several, or null. */
    private static String distinct(Dataset<Row> images, String column) {
        List<String> values = images.select(column).distinct().orderBy(column).as(Encoders.STRING()).collectAsList();
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /**
     * Per stage, in pipeline order: the report's ablation rows, the mean of every per-image score,
     * and the pooled Jaccard and Dice of the summed pixel counts.
     */
    private record StageScores(List<ReportContent.StageMeans> ablation, Map<String, Map<String, Double>> means,
            Map<String, Map<String, Double>> pooled) {
    }

    private static StageScores stageScores(Dataset<Row> metrics) {
        List<Column> aggregates = new ArrayList<>();
        Schemas.MEAN_SCORE_NAMES.forEach(m -> aggregates.add(avg(m).as(m)));
        Schemas.PIXEL_COUNT_NAMES.forEach(c -> aggregates.add(sum(c).as(c)));
        Map<String, Row> byStage = new HashMap<>();
        for (Row r : metrics.groupBy("stage").agg(count("*").as("images"), aggregates.toArray(Column[]::new))
                .collectAsList()) {
            byStage.put(r.getString(0), r);
        }
        List<ReportContent.StageMeans> ablation = new ArrayList<>();
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        Map<String, Map<String, Double>> pooled = new LinkedHashMap<>();
        int meanScores = Schemas.MEAN_SCORE_NAMES.size();
        for (String stage : STAGES) {
            Row r = byStage.get(stage);
            if (r != null) {
                ablation.add(new ReportContent.StageMeans(stage, r.getLong(1), r.getDouble(2), r.getDouble(3),
                        r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7)));
                Map<String, Double> m = new LinkedHashMap<>();
                for (int i = 0; i < meanScores; i++) {
                    m.put(Schemas.MEAN_SCORE_NAMES.get(i), r.getDouble(2 + i));
                }
                means.put(stage, m);
                long[] counts = new long[Schemas.PIXEL_COUNT_NAMES.size()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = r.getLong(2 + meanScores + i);
                }
                pooled.put(stage, SummaryTally.pooled(counts));
            }
        }
        return new StageScores(ablation, means, pooled);
    }

    /** The metric distributions as PNG files under {@code plots/}; none when nothing was scored. */
    private static List<ReportContent.Plot> plots(Dataset<Row> metrics, String report, Configuration hadoop)
            throws IOException {
        // One row per image, ordered by id so that the scatter plot's sample (if any) is stable.
        List<Row> rows = metrics.groupBy("image_id").pivot("stage", new ArrayList<>(STAGES))
                .agg(first("jaccard")).orderBy("image_id").collectAsList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<Double>> byStage = new LinkedHashMap<>();
        List<Double> fcn = new ArrayList<>();
        List<Double> fused = new ArrayList<>();
        int better = 0;
        int worse = 0;
        for (Row r : rows) {
            for (int i = 0; i < STAGES.size(); i++) {
                if (!r.isNullAt(i + 1)) {
                    byStage.computeIfAbsent(STAGES.get(i), k -> new ArrayList<>()).add(r.getDouble(i + 1));
                }
            }
            if (!r.isNullAt(1) && !r.isNullAt(3)) {
                fcn.add(r.getDouble(1));
                fused.add(r.getDouble(3));
                better += r.getDouble(3) > r.getDouble(1) ? 1 : 0;
                worse += r.getDouble(3) < r.getDouble(1) ? 1 : 0;
            }
        }
        Map<String, List<Double>> ordered = ReportPlots.inOrder(STAGES, byStage);
        List<ReportContent.Plot> plots = new ArrayList<>();
        plots.add(writePlot(report, hadoop, "plots/jaccard-box.png",
                ReportPlots.boxPlot("Jaccard per image, by stage", "Jaccard", ordered),
                "Jaccard per image, by stage",
                "Box: quartiles, median in red; whiskers reach 1.5 × IQR beyond the box, or the extreme image "
                        + "if nearer; + marks the images beyond them. " + rows.size() + " images."));
        plots.add(writePlot(report, hadoop, "plots/jaccard-histogram.png",
                ReportPlots.histogram("Jaccard per image, by stage", "Jaccard (bins of 0.1)", ordered),
                "Histogram of Jaccard per stage",
                "Images per Jaccard bin [x, x + 0.1), by stage; the last bin includes 1.0."));
        plots.add(writePlot(report, hadoop, "plots/fcn-vs-fused.png",
                ReportPlots.scatter("Fused vs FCN Jaccard", "FCN Jaccard", "fused Jaccard", fcn, fused, "fused"),
                "Fused against FCN Jaccard",
                String.format(Locale.ROOT, "One point per image: above the diagonal the superpixel fine-tuning and "
                        + "fusion improved on the FCN (%d images), below it they made it worse (%d), on it no "
                        + "change (%d).%s", better, worse, fcn.size() - better - worse,
                        fcn.size() > ReportPlots.MAX_SCATTER_POINTS ? " An even sample of the images is drawn." : "")));
        return plots;
    }

    private static ReportContent.Plot writePlot(String report, Configuration hadoop, String file, byte[] png,
            String title, String caption) throws IOException {
        HadoopFiles.write(HadoopFiles.child(report, file), hadoop, png);
        return new ReportContent.Plot(file, title, caption);
    }

    /** The gallery's choice of images: worst and best by fused Jaccard, and the named ones. */
    private static Gallery gallery(Dataset<Row> images, Dataset<Row> metrics, Dataset<Row> plan, EvaluateOptions o,
            EvaluationSummary s) {
        Dataset<Row> scored = images.where(col("outcome").equalTo(SCORED));
        if (o.gallery > 0) {
            s.worst = scored.orderBy(col("fused_jaccard").asc(), col("image_id").asc()).limit(o.gallery)
                    .select("image_id").as(Encoders.STRING()).collectAsList();
            s.best = scored.orderBy(col("fused_jaccard").desc(), col("image_id").asc()).limit(o.gallery)
                    .select("image_id").as(Encoders.STRING()).collectAsList();
        }
        s.named = o.namedIds();
        Set<String> all = new LinkedHashSet<>(s.worst);
        all.addAll(s.best);
        all.addAll(s.named);
        Map<String, Row> info = new HashMap<>();
        // Duplicate ids have several rows: the one that was segmented speaks for the id.
        for (Row r : images.where(col("image_id").isInCollection(all)).collectAsList()) {
            Row seen = info.get(r.<String>getAs("image_id"));
            if (seen == null || FusedMasks.OK.equals(r.getAs("segment_status"))) {
                info.put(r.getAs("image_id"), r);
            }
        }
        Map<String, List<ReportContent.CaseScore>> scores = new HashMap<>();
        for (Row r : metrics.where(col("image_id").isInCollection(all)).collectAsList()) {
            scores.computeIfAbsent(r.getAs("image_id"), k -> new ArrayList<>())
                    .add(new ReportContent.CaseScore(r.getAs("stage"), r.getAs("jaccard"), r.getAs("dice")));
        }
        scores.values().forEach(l -> l.sort((a, b) -> Integer.compare(STAGES.indexOf(a.stage()),
                STAGES.indexOf(b.stage()))));
        Dataset<Row> figureInput = plan.where(col("image_id").isInCollection(all)
                        .and(col("segment_status").equalTo(FusedMasks.OK)))
                .withColumn("mask_png", lit(null).cast("binary"))
                .select(columns(RERUN_INPUT));
        long scoredCount = s.outcomes.getOrDefault(SCORED, 0L);
        return new Gallery(s, scoredCount, info, scores, figureInput, all.size());
    }

    /** The gallery, once chosen: renders its figures (a few re-runs) and its sections. */
    private record Gallery(EvaluationSummary s, long scoredCount, Map<String, Row> info,
            Map<String, List<ReportContent.CaseScore>> scores, Dataset<Row> figureInput, int size) {

        boolean needsFigures() {
            return info.values().stream().anyMatch(r -> FusedMasks.OK.equals(r.getAs("segment_status")));
        }

        List<ReportContent.GallerySection> render(LesionSegmentation segmentation, int figureSide, String report,
                Configuration hadoop) throws IOException {
            Map<String, Row> figures = new HashMap<>();
            if (needsFigures()) {
                int partitions = Math.max(1, Math.min(size,
                        figureInput.sparkSession().sparkContext().defaultParallelism()));
                for (Row r : Reruns.figures(figureInput, segmentation, figureSide, partitions).collectAsList()) {
                    figures.put(r.getString(0), r);
                }
            }
            Map<String, String> files = new HashMap<>();
            for (Row r : figures.values()) {
                if (!r.isNullAt(4)) {
                    String file = "gallery/" + SafeKeys.fileName(r.getString(0), ".png");
                    HadoopFiles.write(HadoopFiles.child(report, file), hadoop, (byte[]) r.get(4));
                    files.put(r.getString(0), file);
                }
            }
            List<ReportContent.GallerySection> sections = new ArrayList<>();
            if (!s.worst.isEmpty()) {
                sections.add(new ReportContent.GallerySection("worst", String.format(Locale.ROOT,
                        "Worst %d of %d scored images by fused Jaccard", s.worst.size(), scoredCount),
                        cases(s.worst, figures, files)));
                sections.add(new ReportContent.GallerySection("best", String.format(Locale.ROOT,
                        "Best %d of %d scored images by fused Jaccard", s.best.size(), scoredCount),
                        cases(s.best, figures, files)));
            }
            if (!s.named.isEmpty()) {
                sections.add(new ReportContent.GallerySection("named", "Named images (--ids)",
                        cases(s.named, figures, files)));
            }
            return sections;
        }

        private List<ReportContent.Case> cases(List<String> ids, Map<String, Row> figures, Map<String, String> files) {
            List<ReportContent.Case> cases = new ArrayList<>();
            for (String id : ids) {
                Row r = info.get(id);
                if (r == null) {
                    cases.add(new ReportContent.Case(id, null, "not in the segment output", List.of(), null, null));
                    continue;
                }
                cases.add(new ReportContent.Case(id, files.get(id), note(r, figures.get(id)),
                        scores.getOrDefault(id, List.of()), r.getAs("lesion_fraction"),
                        r.getAs("mean_fcn_probability")));
            }
            return cases;
        }

        /** Why a case has no figure or no scores, or null when it has both. */
        private static String note(Row info, Row figure) {
            String outcome = info.getAs("outcome");
            String reason = info.getAs("reason");
            if (SEGMENT_ERROR.equals(outcome)) {
                return "the segment run could not segment it: " + reason;
            }
            if (figure != null && FusedMasks.ERROR.equals(figure.getString(1))) {
                return "the re-run for its figure failed: " + figure.getString(2) + " (" + figure.getString(3) + ")";
            }
            return switch (outcome) {
                case NO_GROUND_TRUTH -> "no ground truth: prediction only, not scored";
                case GROUND_TRUTH_ERROR -> "ground truth unusable (" + reason + "): not scored";
                case RERUN_ERROR -> "not scored: the re-run failed: " + reason;
                default -> null;
            };
        }
    }

    private static List<ReportContent.Fact> facts(EvaluateOptions o, EvaluationSummary s, RunSummary run,
            Instant at) {
        List<ReportContent.Fact> f = new ArrayList<>();
        f.add(new ReportContent.Fact("segment output", o.segmentOutput));
        f.add(new ReportContent.Fact("segment run", String.valueOf(s.segmentRunId)));
        f.add(new ReportContent.Fact("model", String.valueOf(s.modelVersion)));
        if (run != null) {
            f.add(new ReportContent.Fact("fusion weight", String.format(Locale.ROOT, "%.2f", run.fusionWeight)));
        }
        f.add(new ReportContent.Fact("ground truth", o.masks + " (" + o.maskPattern.patterns + ")"));
        f.add(new ReportContent.Fact("images", o.images != null ? o.images : "the source column of masks/"));
        f.add(new ReportContent.Fact("re-run images", s.rerunImages + (s.lowestRerunAgreement == null ? ""
                : String.format(Locale.ROOT, " (lowest agreement with the stored mask: Jaccard %.4f)",
                        s.lowestRerunAgreement))));
        f.add(new ReportContent.Fact("tables", "data/images/ and data/metrics/ (Parquet)"));
        f.add(new ReportContent.Fact("generated", at.toString()));
        return f;
    }

    /**
     * A table of a segment output: a Parquet folder as it is; of an incremental output's Delta
     * table, the rows of the model version and settings of its latest run (as its summary.json
     * says), which cover every image segmented with them, in any run.
     */
    private static Dataset<Row> read(SparkSession spark, String table, RunSummary run, Configuration hadoop)
            throws IOException {
        if (!exists(HadoopFiles.child(table, "_delta_log"), hadoop)) {
            return spark.read().parquet(table);
        }
        if (run == null || run.settingsHash == null) {
            throw new IllegalArgumentException(table + " is a Delta table, but its output has no summary.json "
                    + "naming a model version and settings: not a finished segment --incremental output");
        }
        return DeltaCommits.read(spark, table).where(col("model_version").equalTo(run.modelVersion)
                .and(col("settings_hash").equalTo(run.settingsHash)));
    }

    private static RunSummary readRunSummary(String segmentOutput, Configuration hadoop) throws IOException {
        try {
            return RunSummary.fromJson(HadoopFiles.readString(HadoopFiles.child(segmentOutput, "summary.json"), hadoop));
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    private static boolean exists(String uri, Configuration hadoop) throws IOException {
        Path path = new Path(uri);
        return path.getFileSystem(hadoop).exists(path);
    }

    private static Column[] columns(String[] names) {
        return Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
    }
}
