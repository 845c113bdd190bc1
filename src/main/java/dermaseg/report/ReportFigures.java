package dermaseg.report;

import dermaseg.pipeline.MetricStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The report's plots of the images, each with the title and caption the page shows under it:
 * the per-stage score distributions, the fused-minus-FCN difference plot, the uncertainty (when
 * the segment output has it) and the ABCD descriptors. Drawn by {@link ReportPlots}; the caller
 * writes each PNG to its file.
 */
public final class ReportFigures {
    /** Bins of the continuous descriptors' and the uncertainty's histograms. */
    static final int BINS = 10;

    private ReportFigures() {
    }

    /** A plot drawn: what the page says of it (and its file, relative to the report) and its PNG. */
    public record Drawn(ReportContent.Plot plot, byte[] png) {
    }

    /**
     * @param rows           every image of the segment output, in a stable order (by id)
     * @param hasUncertainty whether the segment output has the {@code uncertainty} column
     * @return the score plots when any image was scored, then the distributions that have values
     */
    public static List<Drawn> plots(List<ImageRow> rows, boolean hasUncertainty) throws IOException {
        List<Drawn> plots = new ArrayList<>();
        List<ImageRow> scored = rows.stream().filter(r -> !r.scores().isEmpty()).toList();
        if (!scored.isEmpty()) {
            scorePlots(scored, plots);
        }
        distributions(rows, hasUncertainty, plots);
        return plots;
    }

    /** The per-stage score distributions and the difference plot of the scored images. */
    private static void scorePlots(List<ImageRow> scored, List<Drawn> plots) throws IOException {
        Map<String, List<Double>> jaccard = byStage(scored, ImageRow.StageScores::jaccard);
        plots.add(new Drawn(new ReportContent.Plot("plots/jaccard-box.png", "Jaccard per image, by stage",
                "Box: quartiles, median in red; whiskers reach 1.5 × IQR beyond the box, or the extreme image "
                        + "if nearer; + marks the images beyond them. " + scored.size() + " images."),
                ReportPlots.boxPlot("Jaccard per image, by stage", "Jaccard", jaccard)));
        plots.add(new Drawn(new ReportContent.Plot("plots/jaccard-histogram.png", "Histogram of Jaccard per stage",
                "Images per Jaccard bin [x, x + 0.1), by stage; the last bin includes 1.0."),
                ReportPlots.histogram("Jaccard per image, by stage", "Jaccard (bins of 0.1)", jaccard)));
        plots.add(difference(scored));
        plots.add(new Drawn(new ReportContent.Plot("plots/boundary-f-box.png", "Boundary F per image, by stage",
                "Boundary F-score per image (border pixels within 0.75% of the image diagonal of the other "
                        + "border; Csurka et al. 2013), by stage; box as above."),
                ReportPlots.boxPlot("Boundary F per image, by stage", "boundary F",
                        byStage(scored, ImageRow.StageScores::boundaryF))));
    }

    /** The uncertainty's histogram, and the descriptors'. */
    private static void distributions(List<ImageRow> rows, boolean hasUncertainty, List<Drawn> plots)
            throws IOException {
        if (hasUncertainty) {
            List<Double> u = values(rows, ImageRow::uncertainty);
            if (!u.isEmpty()) {
                plots.add(new Drawn(new ReportContent.Plot("plots/uncertainty-histogram.png",
                        "Histogram of the uncertainty", "Images per uncertainty bin [x, x + 0.1), of " + u.size()
                                + "; high: the segmentation is likely wrong, worth an expert's look."),
                        ReportPlots.bars("Uncertainty per image", "uncertainty (bins of 0.1)", Bins.unit(u, BINS),
                                MetricStage.FUSED.id())));
            }
        }
        descriptors(rows, plots);
    }

    /** The fused-minus-FCN difference plot of the images scored at both stages. */
    private static Drawn difference(List<ImageRow> scored) throws IOException {
        Differences d = differences(scored);
        String caption = String.format(Locale.ROOT, "Per image, fused Jaccard minus FCN Jaccard against their "
                + "mean (a Bland–Altman plot). Above zero the superpixel fine-tuning and fusion improved on the "
                + "FCN (%d images), below it they made it worse (%d), on it no change (%d); mean difference "
                + "%+.4f (dashed).%s", d.better(), d.worse(), d.same(), d.meanDifference(),
                d.means().size() > ReportPlots.MAX_SCATTER_POINTS ? " An even sample of the images is drawn." : "");
        return new Drawn(new ReportContent.Plot("plots/fused-minus-fcn.png", "Fused minus FCN Jaccard", caption),
                ReportPlots.differencePlot("Fused minus FCN Jaccard", "mean of FCN and fused Jaccard",
                        "fused − FCN Jaccard", d, MetricStage.FUSED.id()));
    }

    /** Fused against FCN Jaccard of the images scored at both, in the rows' order. */
    static Differences differences(List<ImageRow> rows) {
        List<Double> fcn = new ArrayList<>();
        List<Double> fused = new ArrayList<>();
        for (ImageRow r : rows) {
            Double f = r.jaccard(MetricStage.FCN.id());
            Double u = r.jaccard(MetricStage.FUSED.id());
            if (f != null && u != null) {
                fcn.add(f);
                fused.add(u);
            }
        }
        return Differences.of(fcn, fused);
    }

    /** A histogram per ABCD descriptor that any image has. */
    private static void descriptors(List<ImageRow> rows, List<Drawn> plots) throws IOException {
        List<ImageRow.Descriptors> d = rows.stream().map(ImageRow::descriptors).filter(Objects::nonNull).toList();
        List<Integer> asymmetry = values(d, ImageRow.Descriptors::asymmetryScore);
        List<Double> compactness = values(d, ImageRow.Descriptors::compactness);
        List<Double> abruptness = values(d, ImageRow.Descriptors::borderAbruptness);
        List<Double> diameter = values(d, ImageRow.Descriptors::diameterPx);
        List<Integer> colours = values(d, ImageRow.Descriptors::colours);
        if (!asymmetry.isEmpty()) {
            plots.add(descriptor("asymmetry", "A: asymmetric axes", "Images per ABCD asymmetry score: how many of "
                    + "the lesion's two principal axes are asymmetric in shape or colour.", asymmetry.size(),
                    Bins.integers(asymmetry, 0, 2)));
        }
        if (!compactness.isEmpty()) {
            plots.add(descriptor("compactness", "B: compactness 4πA/P²", "Images per compactness bin [x, x + 0.1): "
                    + "1 for a disc, lower for an irregular border.", compactness.size(),
                    Bins.unit(compactness, BINS)));
        }
        if (!abruptness.isEmpty()) {
            plots.add(descriptor("border-abruptness", "B: border abruptness (mean of 8 segments)", "Images per "
                    + "bin [x, x + 0.1) of the border's abruptness averaged over its segments: 1 for a sharp "
                    + "edge, lower for a gradual one.", abruptness.size(), Bins.unit(abruptness, BINS)));
        }
        if (!colours.isEmpty()) {
            plots.add(descriptor("colours", "C: dermoscopic colours present", "Images per number of the six "
                    + "dermoscopic colours present over 5% of the lesion.", colours.size(),
                    Bins.integers(colours, 0, 6)));
        }
        if (!diameter.isEmpty()) {
            plots.add(descriptor("diameter", "D: diameter (pixels)", "Images per bin of the lesion's greatest "
                    + "extent in image pixels (bins from the lower edge shown).", diameter.size(),
                    Bins.fromZero(diameter, BINS)));
        }
    }

    private static Drawn descriptor(String key, String axis, String caption, int images, Bins bins)
            throws IOException {
        return new Drawn(new ReportContent.Plot("plots/descriptor-" + key + ".png", "Histogram of " + axis,
                caption + " " + images + " lesions."), ReportPlots.bars(axis, axis, bins, "descriptor"));
    }

    private static Map<String, List<Double>> byStage(List<ImageRow> rows,
            Function<ImageRow.StageScores, Double> score) {
        Map<String, List<Double>> byStage = new LinkedHashMap<>();
        for (ImageRow r : rows) {
            r.scores().forEach((stage, s) -> byStage.computeIfAbsent(stage, k -> new ArrayList<>())
                    .add(score.apply(s)));
        }
        return ReportPlots.inOrder(MetricStage.NAMES, byStage);
    }

    /** The values that are there. */
    private static <R, T> List<T> values(List<R> rows, Function<R, T> value) {
        return rows.stream().map(value).filter(Objects::nonNull).toList();
    }
}
