package dermaseg.report;

import static dermaseg.report.Html.escape;

import dermaseg.pipeline.MetricStage;
import dermaseg.uncertainty.UncertaintyRanking;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The report's per-image table: one row per image of the segment output, most in need of an
 * expert's look first: by uncertainty, highest first, when the segment output has that column,
 * else by fused Jaccard, lowest first (images without a score, last). Each row links to the
 * image's gallery figure when it has one. The page's inline script lets a reader re-sort by any
 * column ({@code data-value} holds the number each cell sorts by).
 *
 * @param rows           in table order, at most {@link #MAX_ROWS}
 * @param total          the images there were to show
 * @param byUncertainty  whether the order (and a column) is the uncertainty's
 */
public record ImageTable(List<ImageRow> rows, long total, boolean byUncertainty) {
    /** More rows make the page slow to open; the reader who wants them all has data/images/. */
    public static final int MAX_ROWS = 1000;

    private static final Comparator<Double> HIGH_FIRST_NULLS_LAST =
            Comparator.nullsLast(Comparator.<Double>reverseOrder());
    private static final Comparator<Double> LOW_FIRST_NULLS_LAST =
            Comparator.nullsLast(Comparator.<Double>naturalOrder());

    /**
     * How well the uncertainty ranks the scored images by their fused Jaccard; null with fewer
     * than three images that have both.
     */
    public static UncertaintyRanking uncertaintyRanking(List<ImageRow> rows) {
        List<ImageRow> both = rows.stream()
                .filter(r -> r.uncertainty() != null && r.jaccard(MetricStage.FUSED.id()) != null).toList();
        if (both.size() < 3) {
            return null;
        }
        return UncertaintyRanking.of(both.stream().mapToDouble(ImageRow::uncertainty).toArray(),
                both.stream().mapToDouble(r -> r.jaccard(MetricStage.FUSED.id())).toArray());
    }

    /** The table of {@code rows} in its order, cut to {@link #MAX_ROWS}. */
    public static ImageTable of(List<ImageRow> rows, boolean hasUncertainty) {
        Comparator<ImageRow> order = hasUncertainty
                ? Comparator.comparing(ImageRow::uncertainty, HIGH_FIRST_NULLS_LAST)
                : Comparator.comparing(r -> r.jaccard(MetricStage.FUSED.id()), LOW_FIRST_NULLS_LAST);
        List<ImageRow> sorted = rows.stream().sorted(order.thenComparing(ImageRow::imageId)).limit(MAX_ROWS)
                .toList();
        return new ImageTable(sorted, rows.size(), hasUncertainty);
    }

    /** The section's markup. */
    void render(StringBuilder h) {
        h.append("<section id=\"images\">\n<h2>Images</h2>\n<p class=\"legend\" style=\"font-size:13px\">")
                .append(String.format(Locale.ROOT, "%d of %d images, ", rows.size(), total))
                .append(byUncertainty ? "most uncertain first (uncertainty in [0, 1], high: the segmentation is "
                        + "likely wrong)" : "lowest fused Jaccard first (unscored images last)")
                .append(". Click a column's heading to sort by it, again to reverse. An id links to the image's "
                        + "gallery figure when it has one.</p>\n")
                .append("<div class=\"wide\"><table id=\"image-table\" class=\"sortable\">\n<thead><tr><th>image</th>"
                        + "<th>outcome</th>");
        if (byUncertainty) {
            h.append("<th>uncertainty</th>");
        }
        for (String stage : MetricStage.NAMES) {
            h.append("<th>").append(escape(stage)).append(" Jaccard</th>");
        }
        h.append("<th>fused − fcn</th><th>fused boundary F</th><th>fused HD95 (px)</th><th>lesion fraction</th>"
                + "<th>asymmetry</th><th>compactness</th><th>colours</th><th>diameter (px)</th></tr></thead>\n"
                + "<tbody>\n");
        for (ImageRow r : rows) {
            row(h, r);
        }
        h.append("</tbody>\n</table></div>\n</section>\n");
    }

    private void row(StringBuilder h, ImageRow r) {
        String id = escape(r.imageId());
        h.append("<tr data-image-id=\"").append(id).append("\"><td>");
        if (r.figure() != null) {
            h.append("<a href=\"").append(escape(r.figure())).append("\">").append(id).append("</a>");
        } else {
            h.append(id);
        }
        h.append("</td><td>").append(escape(r.outcome())).append("</td>");
        if (byUncertainty) {
            cell(h, r.uncertainty(), "%.3f");
        }
        for (String stage : MetricStage.NAMES) {
            cell(h, r.jaccard(stage), "%.4f");
        }
        Double fcn = r.jaccard(MetricStage.FCN.id());
        Double fused = r.jaccard(MetricStage.FUSED.id());
        cell(h, fcn == null || fused == null ? null : fused - fcn, "%+.4f");
        ImageRow.StageScores f = r.scores().get(MetricStage.FUSED.id());
        cell(h, f == null ? null : f.boundaryF(), "%.3f");
        cell(h, f == null ? null : f.hd95Px(), "%.1f");
        cell(h, r.lesionFraction(), "%.3f");
        ImageRow.Descriptors d = r.descriptors();
        cell(h, descriptor(d, ImageRow.Descriptors::asymmetryScore), "%.0f");
        cell(h, descriptor(d, ImageRow.Descriptors::compactness), "%.3f");
        cell(h, descriptor(d, ImageRow.Descriptors::colours), "%.0f");
        cell(h, descriptor(d, ImageRow.Descriptors::diameterPx), "%.0f");
        h.append("</tr>\n");
    }

    private static Double descriptor(ImageRow.Descriptors d, Function<ImageRow.Descriptors, ? extends Number> value) {
        Number n = d == null ? null : value.apply(d);
        return n == null ? null : n.doubleValue();
    }

    /** A number cell; empty, and sorted last, when there is no value. */
    private static void cell(StringBuilder h, Double v, String format) {
        if (v == null) {
            h.append("<td class=\"num\" data-value=\"\"></td>");
        } else {
            h.append("<td class=\"num\" data-value=\"").append(Double.toString(v)).append("\">")
                    .append(String.format(Locale.ROOT, format, v)).append("</td>");
        }
    }
}
