package dermaseg.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gallery's sections from what the evaluate job gathered: the worst and best images by fused
 * Jaccard, then the named ones, each case with its figure, its scores, or a note on why it has
 * neither.
 */
public final class Gallery {
    private Gallery() {
    }

    /**
     * What the gallery shows of one image of the segment output (for an id held by several rows,
     * the row that was segmented).
     *
     * @param scores per stage, in pipeline order; empty when the image was not scored
     */
    public record Entry(Outcome outcome, String reason, Double lesionFraction, Double meanFcnProbability,
            Double uncertainty, List<ReportContent.CaseScore> scores) {
    }

    /** An image's figure: the file written, or why the re-run that draws it failed. */
    public record Figure(String file, String failure) {
    }

    /**
     * @param worst   the worst images by fused Jaccard, worst first; empty when no gallery was asked for
     * @param best    the best, best first
     * @param named   the ids asked for by name, in the order given
     * @param scored  how many images were scored, for the section titles
     * @param entries by id; an id missing here is not in the segment output
     * @param figures by id; an id missing here has no figure
     */
    public static List<ReportContent.GallerySection> sections(List<String> worst, List<String> best,
            List<String> named, long scored, Map<String, Entry> entries, Map<String, Figure> figures) {
        List<ReportContent.GallerySection> sections = new ArrayList<>();
        if (!worst.isEmpty()) {
            sections.add(new ReportContent.GallerySection("worst", String.format(Locale.ROOT,
                    "Worst %d of %d scored images by fused Jaccard", worst.size(), scored),
                    cases(worst, entries, figures)));
            sections.add(new ReportContent.GallerySection("best", String.format(Locale.ROOT,
                    "Best %d of %d scored images by fused Jaccard", best.size(), scored),
                    cases(best, entries, figures)));
        }
        if (!named.isEmpty()) {
            sections.add(new ReportContent.GallerySection("named", "Named images (--ids)",
                    cases(named, entries, figures)));
        }
        return sections;
    }

    private static List<ReportContent.Case> cases(List<String> ids, Map<String, Entry> entries,
            Map<String, Figure> figures) {
        List<ReportContent.Case> cases = new ArrayList<>();
        for (String id : ids) {
            Entry e = entries.get(id);
            if (e == null) {
                cases.add(new ReportContent.Case(id, null, "not in the segment output", List.of(), null, null, null));
                continue;
            }
            Figure f = figures.get(id);
            cases.add(new ReportContent.Case(id, f == null ? null : f.file(), note(e, f), e.scores(),
                    e.lesionFraction(), e.meanFcnProbability(), e.uncertainty()));
        }
        return cases;
    }

    /** Why a case has no figure or no scores, or null when it has both. */
    private static String note(Entry e, Figure f) {
        if (e.outcome() != Outcome.SEGMENT_ERROR && f != null && f.failure() != null) {
            return "the re-run for its figure failed: " + f.failure();
        }
        return e.outcome().whyNotScored(e.reason());
    }
}
