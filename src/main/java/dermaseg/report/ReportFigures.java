package dermaseg.report;

import dermaseg.pipeline.MetricStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's plots of the scored images, each with the title and caption the page shows
 * under it. Drawn by {@link ReportPlots}; the caller writes each PNG to its file.
 */
public final class ReportFigures {
    private ReportFigures() {
    }

    /** A plot drawn: what the page says of it (and its file, relative to the report) and its PNG. */
    public record Drawn(ReportContent.Plot plot, byte[] png) {
    }

    /**
     * @param rows the scored images, in a stable order (by id)
     * @return none when no image was scored
     */
    public static List<Drawn> plots(List<ImageRow> rows) throws IOException {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<Double>> byStage = new LinkedHashMap<>();
        List<Double> fcn = new ArrayList<>();
        List<Double> fused = new ArrayList<>();
        String first = MetricStage.FCN.id();
        String last = MetricStage.FUSED.id();
        int better = 0;
        int worse = 0;
        for (ImageRow r : rows) {
            r.jaccard().forEach((stage, j) -> byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(j));
            Double f = r.jaccard().get(first);
            Double u = r.jaccard().get(last);
            if (f != null && u != null) {
                fcn.add(f);
                fused.add(u);
                better += u > f ? 1 : 0;
                worse += u < f ? 1 : 0;
            }
        }
        Map<String, List<Double>> ordered = ReportPlots.inOrder(MetricStage.NAMES, byStage);
        List<Drawn> plots = new ArrayList<>();
        plots.add(new Drawn(new ReportContent.Plot("plots/jaccard-box.png", "Jaccard per image, by stage",
                "Box: quartiles, median in red; whiskers reach 1.5 × IQR beyond the box, or the extreme image "
                        + "if nearer; + marks the images beyond them. " + rows.size() + " images."),
                ReportPlots.boxPlot("Jaccard per image, by stage", "Jaccard", ordered)));
        plots.add(new Drawn(new ReportContent.Plot("plots/jaccard-histogram.png", "Histogram of Jaccard per stage",
                "Images per Jaccard bin [x, x + 0.1), by stage; the last bin includes 1.0."),
                ReportPlots.histogram("Jaccard per image, by stage", "Jaccard (bins of 0.1)", ordered)));
        plots.add(new Drawn(new ReportContent.Plot("plots/fcn-vs-fused.png", "Fused against FCN Jaccard",
                String.format(Locale.ROOT, "One point per image: above the diagonal the superpixel fine-tuning and "
                        + "fusion improved on the FCN (%d images), below it they made it worse (%d), on it no "
                        + "change (%d).%s", better, worse, fcn.size() - better - worse,
                        fcn.size() > ReportPlots.MAX_SCATTER_POINTS ? " An even sample of the images is drawn." : "")),
                ReportPlots.scatter("Fused vs FCN Jaccard", "FCN Jaccard", "fused Jaccard", fcn, fused, last)));
        return plots;
    }
}
