package dermaseg.report;

import static dermaseg.report.Html.escape;

import java.util.Locale;
import java.util.Map;

/**
 * {@code index.html} of an evaluation report. Self-contained: the style sheet is inline, every
 * image is a file beside the page, referenced by a relative path; nothing is fetched from the
 * network. The markup is polyglot HTML5, well-formed XML as well as HTML, so that tests (and any
 * XML tool) can check its structure without a browser.
 *
 * <p>Numbers are shown rounded to four places; each table cell of a mean also carries the exact
 * value in {@code data-value}, so a reader (or a test) can compare the page with the Parquet.
 */
public final class ReportPage {
    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2327;background:#fafafa}
            main{max-width:1320px;margin:0 auto;padding:20px 28px 40px}
            h1{font-size:26px;margin:6px 0 4px}
            h2{font-size:20px;margin:30px 0 10px;padding-bottom:4px;border-bottom:2px solid #d0d7de}
            h3{font-size:16px;margin:22px 0 8px}
            table{border-collapse:collapse;background:#fff;margin:6px 0 10px}
            th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left;font-size:14px}
            th{background:#eef1f4}
            .num{text-align:right;font-variant-numeric:tabular-nums}
            dl.facts{display:grid;grid-template-columns:max-content auto;gap:2px 14px;font-size:14px;margin:8px 0}
            dl.facts dt{color:#57606a}
            dl.facts dd{margin:0;word-break:break-all}
            .tables{display:flex;flex-wrap:wrap;gap:28px;align-items:flex-start}
            .note{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;margin:8px 0;font-size:14px}
            .plots{display:flex;flex-wrap:wrap;gap:18px}
            .plots figure{margin:0;background:#fff;border:1px solid #d0d7de;padding:8px;width:620px}
            .plots img{width:600px;height:auto;display:block}
            figcaption{font-size:13px;color:#57606a;margin-top:6px}
            .legend span{display:inline-block;width:14px;height:4px;vertical-align:middle;margin:0 4px 0 10px}
            .case{margin:0 0 18px;background:#fff;border:1px solid #d0d7de;padding:10px;display:flex;gap:16px;align-items:flex-start}
            .case .panels{flex:1 1 auto;min-width:0}
            .case img{max-width:100%;height:auto;display:block}
            .case .info{flex:0 0 250px;font-size:13px}
            .case .info table{margin:4px 0}
            .case .id{font-weight:bold;font-size:14px;word-break:break-all}
            .missing{color:#8a4600}
            .wide{overflow-x:auto;max-width:100%}
            table.sortable th{cursor:pointer;font-size:13px;padding:4px 6px}
            table.sortable td{font-size:13px;padding:3px 6px}
            table.sortable th[data-sorted=up]::after{content:" \\25B2"}
            table.sortable th[data-sorted=down]::after{content:" \\25BC"}
            footer{margin-top:30px;font-size:13px;color:#57606a}
            code{font-size:13px}
            """;

    /**
     * Sorts a table.sortable by the clicked column, by each cell's data-value where it has one
     * (empty values last either way), else by its text; a second click reverses. Inline, so the
     * page stays standalone; in CDATA, so it stays well-formed XML.
     */
    private static final String SORTING = """
            //<![CDATA[
            document.querySelectorAll('table.sortable').forEach(function (table) {
              var heads = table.querySelectorAll('thead th');
              heads.forEach(function (th, column) {
                th.addEventListener('click', function () {
                  var up = th.getAttribute('data-sorted') !== 'up';
                  heads.forEach(function (o) { o.removeAttribute('data-sorted'); });
                  th.setAttribute('data-sorted', up ? 'up' : 'down');
                  function key(row) {
                    var cell = row.cells[column], v = cell.getAttribute('data-value');
                    return v === null ? cell.textContent : (v === '' ? null : parseFloat(v));
                  }
                  var body = table.tBodies[0], rows = Array.from(body.rows);
                  rows.sort(function (a, b) {
                    var x = key(a), y = key(b);
                    if (x === null || y === null) { return x === y ? 0 : (x === null ? 1 : -1); }
                    var d = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
                    return up ? d : -d;
                  });
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
            });
            //]]>
            """;

    private ReportPage() {
    }

    public static String render(ReportContent c) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape(c.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(escape(c.title())).append("</h1>\n");
        facts(h, c);
        summary(h, c);
        plots(h, c);
        gallery(h, c);
        c.table().render(h);
        footer(h, c);
        h.append("</main>\n<script>").append(SORTING).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void facts(StringBuilder h, ReportContent c) {
        h.append("<dl class=\"facts\">\n");
        for (ReportContent.Fact f : c.facts()) {
            h.append("<dt>").append(escape(f.label())).append("</dt><dd>").append(escape(f.value()))
                    .append("</dd>\n");
        }
        h.append("</dl>\n");
    }

    private static void summary(StringBuilder h, ReportContent c) {
        h.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
        for (String note : c.notes()) {
            h.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
        h.append("<h3>Mean scores per stage (ablation)</h3>\n");
        if (c.ablation().isEmpty()) {
            h.append("<p class=\"missing\">No image could be scored.</p>\n");
        } else {
            h.append("<table id=\"ablation\">\n<thead><tr><th>stage</th><th>images</th><th>Jaccard</th>"
                    + "<th>Dice</th><th>sensitivity</th><th>specificity</th><th>accuracy</th>"
                    + "<th>thresholded Jaccard</th></tr></thead>\n<tbody>\n");
            for (ReportContent.StageMeans s : c.ablation()) {
                h.append("<tr data-stage=\"").append(escape(s.stage())).append("\"><th>")
                        .append(escape(s.stage())).append("</th>");
                h.append("<td class=\"num\" data-value=\"").append(s.images()).append("\">").append(s.images())
                        .append("</td>");
                for (double v : new double[] {s.jaccard(), s.dice(), s.sensitivity(), s.specificity(),
                    s.accuracy(), s.thresholdedJaccard()}) {
                    meanCell(h, v);
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n<p class=\"legend\" style=\"font-size:13px;color:#57606a\">Means of "
                    + "per-image scores. fcn: the FCN map at 0.5; superpixel: the superpixel (local) map at its "
                    + "Otsu threshold; fused: the pipeline's answer. Every stage gets the same clean-up. "
                    + "Thresholded Jaccard scores an image 0 below 0.65 (ISIC 2018).</p>\n");
        }
        borders(h, c);
        h.append("<div class=\"tables\">\n");
        countTable(h, "outcomes", "outcome", c.outcomes(), c.images());
        if (!c.reasons().isEmpty()) {
            countTable(h, "reasons", "not scored: outcome / reason", c.reasons(), null);
        }
        if (!c.origins().isEmpty()) {
            countTable(h, "origins", "metrics of scored images", c.origins(), null);
        }
        h.append("</div>\n</section>\n");
    }

    private static void borders(StringBuilder h, ReportContent c) {
        if (c.borders().isEmpty()) {
            return;
        }
        h.append("<h3>Borders and pooled scores per stage</h3>\n<table id=\"borders\">\n<thead><tr><th>stage</th>"
                + "<th>HD95 (px)</th><th>HD95 / diagonal</th><th>ASSD (px)</th><th>ASSD / diagonal</th>"
                + "<th>boundary F</th><th>pooled Jaccard</th><th>pooled Dice</th></tr></thead>\n<tbody>\n");
        for (ReportContent.StageBorders b : c.borders()) {
            h.append("<tr data-stage=\"").append(escape(b.stage())).append("\"><th>").append(escape(b.stage()))
                    .append("</th>");
            for (double v : new double[] {b.hd95Px(), b.hd95Diagonal(), b.assdPx(), b.assdDiagonal(), b.boundaryF(),
                b.pooledJaccard(), b.pooledDice()}) {
                meanCell(h, v);
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"legend\" style=\"font-size:13px;color:#57606a\">Means of "
                + "per-image border distances: the 95th-percentile Hausdorff distance and the average symmetric "
                + "surface distance between the predicted and the true border, in pixels and as a fraction of the "
                + "image diagonal (lower is better), and the boundary F-score at a tolerance of 0.75% of the "
                + "diagonal (higher is better). Pooled: all scored pixels counted together, every pixel weighing "
                + "the same.</p>\n");
    }

    private static void meanCell(StringBuilder h, double v) {
        h.append("<td class=\"num\" data-value=\"").append(Double.toString(v)).append("\">")
                .append(String.format(Locale.ROOT, "%.4f", v)).append("</td>");
    }

    private static void countTable(StringBuilder h, String id, String heading, Map<String, Long> counts,
            Long total) {
        h.append("<table id=\"").append(id).append("\">\n<thead><tr><th>").append(escape(heading))
                .append("</th><th>images</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td class=\"num\">").append(e.getValue())
                    .append("</td></tr>\n");
        }
        if (total != null) {
            h.append("<tr><th>all</th><th class=\"num\">").append(total).append("</th></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void plots(StringBuilder h, ReportContent c) {
        if (c.plots().isEmpty()) {
            return;
        }
        h.append("<section id=\"distributions\">\n<h2>Distributions</h2>\n<div class=\"plots\">\n");
        for (ReportContent.Plot p : c.plots()) {
            h.append("<figure><img src=\"").append(escape(p.file())).append("\" alt=\"").append(escape(p.title()))
                    .append("\" width=\"600\"/><figcaption>").append(escape(p.caption()))
                    .append("</figcaption></figure>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static void gallery(StringBuilder h, ReportContent c) {
        if (c.gallery().isEmpty()) {
            return;
        }
        h.append("<section id=\"gallery\">\n<h2>Gallery</h2>\n<p class=\"legend\" style=\"font-size:13px\">"
                + "Panels at analysis resolution, each titled: the input with the ground-truth"
                + "<span style=\"background:#00c800\"></span>and the predicted border"
                + "<span style=\"background:#00ffff\"></span>; the FCN map P_g; the superpixel map P_l with "
                + "the superpixels of the region of interest; the fused map S (maps in viridis, colour bar from "
                + "0 to 1: dark is skin, yellow is lesion); the binary result; and the ground truth, when there "
                + "is one. Click a figure for full size.</p>\n");
        for (ReportContent.GallerySection s : c.gallery()) {
            h.append("<h3>").append(escape(s.title())).append("</h3>\n<div class=\"cases\" data-section=\"")
                    .append(escape(s.key())).append("\">\n");
            for (ReportContent.Case k : s.cases()) {
                galleryCase(h, k);
            }
            h.append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static void galleryCase(StringBuilder h, ReportContent.Case k) {
        String id = escape(k.imageId());
        h.append("<figure class=\"case\" data-image-id=\"").append(id).append("\">\n<div class=\"panels\">");
        if (k.figure() != null) {
            String src = escape(k.figure());
            h.append("<a href=\"").append(src).append("\"><img src=\"").append(src).append("\" alt=\"")
                    .append(id).append(": input with borders, FCN map, superpixel map, fused map, result, ground "
                            + "truth\"/></a>");
        } else {
            h.append("<p class=\"missing\">No figure: ").append(escape(k.note())).append("</p>");
        }
        h.append("</div>\n<figcaption class=\"info\"><div class=\"id\">").append(id).append("</div>\n");
        if (k.figure() != null && k.note() != null) {
            h.append("<p class=\"missing\">").append(escape(k.note())).append("</p>\n");
        }
        if (!k.scores().isEmpty()) {
            h.append("<table><thead><tr><th>stage</th><th>Jaccard</th><th>Dice</th></tr></thead><tbody>");
            for (ReportContent.CaseScore s : k.scores()) {
                h.append("<tr data-stage=\"").append(escape(s.stage())).append("\"><td>").append(escape(s.stage()))
                        .append("</td>");
                meanCell(h, s.jaccard());
                meanCell(h, s.dice());
                h.append("</tr>");
            }
            h.append("</tbody></table>\n");
        }
        if (k.lesionFraction() != null) {
            h.append(String.format(Locale.ROOT, "<div>lesion fraction %.3f</div>\n", k.lesionFraction()));
        }
        if (k.meanFcnProbability() != null) {
            h.append(String.format(Locale.ROOT, "<div>mean FCN probability in the lesion %.3f</div>\n",
                    k.meanFcnProbability()));
        }
        if (k.uncertainty() != null) {
            h.append(String.format(Locale.ROOT, "<div>uncertainty %.3f</div>\n", k.uncertainty()));
        }
        h.append("</figcaption>\n</figure>\n");
    }

    private static void footer(StringBuilder h, ReportContent c) {
        h.append("<footer>\n");
        for (ReportContent.Fact f : c.files()) {
            h.append("<div>").append(escape(f.label())).append(": <a href=\"").append(escape(f.value()))
                    .append("\"><code>").append(escape(f.value())).append("</code></a></div>\n");
        }
        h.append("</footer>\n");
    }
}
