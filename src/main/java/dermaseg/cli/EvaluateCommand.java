package dermaseg.cli;

import dermaseg.dataset.FolderPairSource;
import dermaseg.metrics.BoundaryScores;
import dermaseg.metrics.BoundarySummary;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.MetricSummary;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.Ablation;
import dermaseg.pipeline.Evaluator;
import dermaseg.pipeline.LesionSegmenter;
import dermaseg.uncertainty.UncertaintyRanking;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import dermaseg.commandline.OptionChecks;
import dermaseg.commandline.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dermaseg evaluate}: the ablation table on a folder of image/mask pairs — FCN alone at
 * 0.5, FCN alone with Otsu, the superpixel map alone, and the fused map — as means of per-image
 * scores, then pooled Jaccard and Dice and the mean border distances, plus a CSV with every
 * image's scores and pixel counts.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Score the pipeline and its parts against ground-truth masks.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FOLDER", description = "Folder with images/ and masks/.")
    Path data;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write per-image scores here.")
    Path csv;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N pairs.")
    Integer limit;

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.asUsageError(spec, model::validate);
        FolderPairSource pairs = FolderPairSource.scan(data);
        try (LesionSegmenter segmenter = LesionSegmenter.builder()
                .model(model.location()).config(model.config()).build()) {
            Evaluator.Report report = Evaluator.evaluate(segmenter,
                    limit == null ? pairs : pairs.limit(limit));
            System.out.printf(Locale.ROOT, "model %s, fusion weight %.2f, %d images%n%n",
                    segmenter.card().version, segmenter.fusionConfig().globalWeight(), report.images().size());
            printTable(report.summaries(), System.out);
            if (!report.images().isEmpty()) {
                System.out.println();
                printBorderTable(report.summaries(), report.borderSummaries(), System.out);
            }
            printUncertainty(Evaluator.uncertaintyRanking(report.images()));
            printTimings(report);
            for (String failure : report.failures()) {
                System.out.println("not scored: " + failure);
            }
            if (csv != null) {
                writeCsv(report, csv);
                System.out.println("per-image scores: " + csv);
            }
            return report.failures().isEmpty() ? 0 : 2;
        }
    }

    static void printTable(Map<Ablation.Variant, MetricSummary> summaries, PrintStream out) {
        out.println("| variant    | Jaccard | Dice  | sensitivity | specificity | accuracy | thresholded Jaccard |");
        out.println("|------------|---------|-------|-------------|-------------|----------|---------------------|");
        for (Map.Entry<Ablation.Variant, MetricSummary> e : summaries.entrySet()) {
            SegmentationScores s = e.getValue().meanOverImages();
            out.printf(Locale.ROOT, "| %-10s | %.4f  | %.4f| %.4f      | %.4f      | %.4f   | %.4f              |%n",
                    e.getKey().label(), s.jaccard(), s.dice(), s.sensitivity(), s.specificity(), s.accuracy(),
                    s.thresholdedJaccard());
        }
    }

    /**
     * Pooled Jaccard and Dice (all pixels of all images counted together) beside the mean
     * border distances, in pixels at each mask's resolution and as percentages of its diagonal.
     */
    static void printBorderTable(Map<Ablation.Variant, MetricSummary> summaries,
            Map<Ablation.Variant, BoundarySummary> borders, PrintStream out) {
        out.println("| variant    | pooled Jaccard | pooled Dice | HD95 px | HD95 % diag | ASSD px | ASSD % diag "
                + "| boundary F |");
        out.println("|------------|----------------|-------------|---------|-------------|---------|-------------"
                + "|------------|");
        for (Map.Entry<Ablation.Variant, MetricSummary> e : summaries.entrySet()) {
            SegmentationScores pooled = e.getValue().pooled();
            BoundarySummary b = borders.get(e.getKey());
            out.printf(Locale.ROOT, "| %-10s | %.4f         | %.4f      | %7.2f | %6.2f      | %7.2f | %6.2f      "
                    + "| %.4f     |%n", e.getKey().label(), pooled.jaccard(), pooled.dice(), b.meanHd95(),
                    100 * b.meanHd95OfDiagonal(), b.meanAssd(), 100 * b.meanAssdOfDiagonal(), b.meanBoundaryF());
        }
    }

    /** How well the uncertainty ranked these images: the figures issue 10 set its bar with. */
    private static void printUncertainty(UncertaintyRanking r) {
        if (r == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "%nuncertainty: Spearman rho(uncertainty, 1 - fused Jaccard) %.3f; mean fused "
                + "Jaccard of the %d most uncertain %.4f, of the other %d %.4f (gap %.4f)%n", r.spearman(),
                r.topCount(), r.topMeanJaccard(), r.images() - r.topCount(), r.restMeanJaccard(), r.gap());
    }

    private static void printTimings(Evaluator.Report report) {
        if (report.images().isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder("\nmedian ms per image:");
        for (String stage : report.images().get(0).timings().asMap().keySet()) {
            List<Double> values = new ArrayList<>();
            for (Evaluator.ImageScores i : report.images()) {
                values.add(i.timings().asMap().get(stage));
            }
            line.append(String.format(Locale.ROOT, " %s %.1f", stage, median(values)));
        }
        List<Double> totals = new ArrayList<>();
        for (Evaluator.ImageScores i : report.images()) {
            totals.add(i.timings().totalMs());
        }
        line.append(String.format(Locale.ROOT, ", total %.1f", median(totals)));
        System.out.println(line);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void writeCsv(Evaluator.Report report, Path file) throws Exception {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("image_id,width,height,variant,jaccard,dice,sensitivity,specificity,accuracy,"
                    + "thresholded_jaccard,hd95_px,assd_px,boundary_f,tp_pixels,fp_pixels,fn_pixels,tn_pixels,uncertainty,"
                    + "total_ms");
            for (Evaluator.ImageScores i : report.images()) {
                for (Map.Entry<Ablation.Variant, ConfusionCounts> e : i.counts().entrySet()) {
                    ConfusionCounts c = e.getValue();
                    SegmentationScores s = SegmentationScores.of(c);
                    BoundaryScores b = i.borders().get(e.getKey());
                    w.printf(Locale.ROOT, "%s,%d,%d,%s,%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%.3f,%.3f,%.5f,%d,%d,%d,%d,%s,%.1f%n",
                            i.id(), i.width(), i.height(), e.getKey().label(), s.jaccard(), s.dice(), s.sensitivity(),
                            s.specificity(), s.accuracy(), s.thresholdedJaccard(), b.hd95(), b.assd(), b.boundaryF(),
                            c.tp(), c.fp(), c.fn(), c.tn(),
                            i.uncertainty() == null ? "" : String.format(Locale.ROOT, "%.5f", i.uncertainty()),
                            i.timings().totalMs());
                }
            }
        }
    }
}
