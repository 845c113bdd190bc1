package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dermaseg.fcn.DjlRuntime;
import dermaseg.io.HadoopFiles;
import dermaseg.report.ImageRow;
import dermaseg.report.ImageTable;
import dermaseg.report.ReportContent;
import dermaseg.report.ReportFigures;
import dermaseg.report.ReportPage;
import dermaseg.uncertainty.UncertaintyRanking;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
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
 *   ─▶ data/metrics/ data/images/ (Parquet) ─▶ means ─▶ worst/best/named ─▶ figures (re-run)
 *   ─▶ per-image rows (+ masks/ descriptors, uncertainty) ─▶ plots, per-image table
 *   ─▶ index.html, plots/*.png, gallery/*.png, data/summary.json
 * </pre>
 *
 * <p>Metrics the segment run wrote are reused when they were computed against the same
 * ground-truth file; otherwise the image is segmented again, because {@code masks/} keeps only
 * the fused mask and the FCN and superpixel variants need the maps. A re-run must use the segment
 * run's model (checked by version) and settings (read from its {@code summary.json}); its fused
 * mask is compared with the stored one, and the report says when they differ.
 *
 * <p>A thin shell: the plan and the two tables are {@link EvaluationPlan}'s, the re-runs
 * {@link Reruns}', the counts and means {@link EvaluationTally}'s, the gallery
 * {@link EvaluationGallery}'s, the per-image rows {@link EvaluationRows}'; the page, its table,
 * plots and captions are {@code dermaseg.report}'s.
 */
public final class EvaluateJob {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

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
        RunSummary run = SegmentOutputs.summary(o.segmentOutput, hadoop);
        List<String> notes = new ArrayList<>();

        Dataset<Row> segment = Phases.get(spark, "evaluate: reading the segment run's masks",
                () -> SegmentOutputs.read(spark, o.segmentOutput, SegmentOutputs.MASKS, run, hadoop));
        Dataset<Row> stored = HadoopFiles.exists(HadoopFiles.child(o.segmentOutput, SegmentOutputs.METRICS), hadoop)
                ? Phases.get(spark, "evaluate: reading the segment run's metrics",
                        () -> SegmentOutputs.read(spark, o.segmentOutput, SegmentOutputs.METRICS, run, hadoop))
                : null;
        if (stored != null && !EvaluationPlan.hasEveryScore(stored)) {
            notes.add("The segment run's metrics/ predate border distances and pixel counts: every image with "
                    + "ground truth was segmented and scored again.");
            stored = null;
        }
        Dataset<Row> plan = EvaluationPlan.plan(spark, segment, stored, o).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> rerun = null;
        try {
            Row sizes = Phases.get(spark, "evaluate: planning (stored metrics against the ground truth)",
                    () -> plan.agg(count(lit(1)), count(when(col("action").equalTo(EvaluationPlan.RERUN), true)))
                            .first());
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
                            () -> Reruns.segmentation(segment, run, o, hadoop, notes))
                    : null;
            if (o.overwrite) {
                HadoopFiles.delete(o.report, hadoop);
            }
            if (rerunImages > 0) {
                int partitions = o.partitioning.count(rerunImages, spark);
                LOG.info("evaluate: {} images to segment again, in {} partitions", rerunImages, partitions);
                Dataset<Row> storedMasks = segment.where(col("status").equalTo(FusedMasks.OK))
                        .select(col("image_id").as("k"), col("mask_png"));
                Dataset<Row> input = plan.where(col("action").equalTo(EvaluationPlan.RERUN))
                        .join(storedMasks, col("image_id").equalTo(col("k")), "left")
                        .select(EvaluationPlan.columns(EvaluationPlan.RERUN_INPUT));
                // The Transformer takes its input as an RDD, which runs the plan's joins right away.
                rerun = Phases.get(spark, "evaluate: spreading " + rerunImages + " images to segment again over "
                        + partitions + " partitions", () -> Reruns.scores(input, segmentation, partitions))
                        .persist(StorageLevel.MEMORY_AND_DISK());
            }
            String metricsOut = HadoopFiles.child(o.report, "data/metrics");
            Dataset<Row> metricRows = EvaluationPlan.metrics(plan, stored, rerun);
            Phases.run(spark, rerunImages > 0 ? "evaluate: segmenting " + rerunImages + " images again, writing "
                    + "metrics" : "evaluate: writing metrics",
                    () -> metricRows.write().mode(SaveMode.ErrorIfExists).parquet(metricsOut));
            Dataset<Row> metrics = spark.read().parquet(metricsOut);
            String imagesOut = HadoopFiles.child(o.report, "data/images");
            Dataset<Row> imageRows = EvaluationPlan.images(plan, rerun, metrics);
            Phases.run(spark, "evaluate: writing the image table",
                    () -> imageRows.write().mode(SaveMode.ErrorIfExists).parquet(imagesOut));
            Dataset<Row> images = spark.read().parquet(imagesOut);

            StageTotals stages = Phases.get(spark, "evaluate: scores per stage", () -> EvaluationTally.stages(metrics));
            EvaluationSummary s = Phases.get(spark, "evaluate: summary",
                    () -> EvaluationTally.summarise(images, stages, o, run, rerunImages, notes));
            s.notes = notes;
            List<ReportContent.GallerySection> sections = Phases.get(spark, "evaluate: gallery figures",
                    () -> EvaluationGallery.build(images, metrics, plan, o, s, segmentation, hadoop));
            boolean uncertainty = EvaluationRows.hasUncertainty(segment);
            List<ImageRow> rows = Phases.get(spark, "evaluate: per-image rows",
                    () -> EvaluationRows.collect(images, metrics, segment, figureFiles(sections)));
            s.uncertaintyRanking = rankingFigures(ImageTable.uncertaintyRanking(rows));
            List<ReportContent.Plot> plots = Phases.get(spark, "evaluate: plots",
                    () -> plots(rows, uncertainty, o.report, hadoop));

            ReportContent content = new ReportContent("dermaseg evaluation: " + s.segmentRunId,
                    facts(o, s, run, startedAt), s.images, s.outcomes, s.reasons, s.origins,
                    EvaluationTally.ablation(stages), EvaluationTally.borders(stages), notes, plots, sections,
                    ImageTable.of(rows, uncertainty),
                    List.of(new ReportContent.Fact("summary (JSON)", "data/summary.json")));
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

    /** The plots of the images, written under {@code plots/}. */
    private static List<ReportContent.Plot> plots(List<ImageRow> rows, boolean uncertainty, String report,
            Configuration hadoop) throws IOException {
        List<ReportContent.Plot> plots = new ArrayList<>();
        for (ReportFigures.Drawn d : ReportFigures.plots(rows, uncertainty)) {
            HadoopFiles.write(HadoopFiles.child(report, d.plot().file()), hadoop, d.png());
            plots.add(d.plot());
        }
        return plots;
    }

    private static Map<String, Double> rankingFigures(UncertaintyRanking r) {
        if (r == null) {
            return null;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("spearman", r.spearman());
        m.put("mostUncertainImages", (double) r.topCount());
        m.put("mostUncertainMeanJaccard", r.topMeanJaccard());
        m.put("restMeanJaccard", r.restMeanJaccard());
        return m;
    }

    /** Image id → its figure in the gallery, for the per-image table's links. */
    private static Map<String, String> figureFiles(List<ReportContent.GallerySection> sections) {
        Map<String, String> files = new HashMap<>();
        sections.forEach(s -> s.cases().stream().filter(c -> c.figure() != null)
                .forEach(c -> files.put(c.imageId(), c.figure())));
        return files;
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
        if (s.uncertaintyRanking != null) {
            Map<String, Double> u = s.uncertaintyRanking;
            f.add(new ReportContent.Fact("uncertainty", String.format(Locale.ROOT, "Spearman ρ with 1 − fused "
                    + "Jaccard %.3f; the %.0f most uncertain images: mean fused Jaccard %.4f, the rest %.4f",
                    u.get("spearman"), u.get("mostUncertainImages"), u.get("mostUncertainMeanJaccard"),
                    u.get("restMeanJaccard"))));
        }
        f.add(new ReportContent.Fact("tables", "data/images/ and data/metrics/ (Parquet)"));
        f.add(new ReportContent.Fact("generated", at.toString()));
        return f;
    }
}
