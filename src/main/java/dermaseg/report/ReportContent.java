package dermaseg.report;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code index.html} shows, already computed: the page only lays it out. Paths are
 * relative to the report folder, and every one of them names a file the job wrote there.
 *
 * @param facts     what was evaluated, as label and value (run id, model, sources of truth…)
 * @param images    rows of the segment output
 * @param outcomes  images per outcome ({@code scored}, {@code segment_error}, …), largest first
 * @param reasons   images per outcome and reason code, for every image that was not scored
 * @param origins   scored images per origin of their metrics ({@code segment} or {@code rerun})
 * @param ablation  mean scores per stage, in pipeline order
 * @param borders   mean border distances and pooled scores per stage, in pipeline order
 * @param notes     warnings the reader must see before trusting the numbers
 * @param plots     the metric and descriptor distributions
 * @param gallery   worst, best and named images
 * @param table     every image (up to a limit), most in need of a look first
 * @param files     other files of the report worth a link (relative paths)
 */
public record ReportContent(String title, List<Fact> facts, long images, Map<String, Long> outcomes,
        Map<String, Long> reasons, Map<String, Long> origins, List<StageMeans> ablation, List<StageBorders> borders,
        List<String> notes, List<Plot> plots, List<GallerySection> gallery, ImageTable table, List<Fact> files) {

    /** A label and its value, both plain text. */
    public record Fact(String label, String value) {
    }

    /** One row of the ablation table: the mean of per-image scores over {@code images} images. */
    public record StageMeans(String stage, long images, double jaccard, double dice, double sensitivity,
            double specificity, double accuracy, double thresholdedJaccard) {
    }

    /**
     * One row of the border table: means of per-image border distances (in pixels and as a
     * fraction of the image diagonal) and boundary F, and the pooled Jaccard and Dice of all
     * scored pixels counted together.
     */
    public record StageBorders(String stage, double hd95Px, double hd95Diagonal, double assdPx,
            double assdDiagonal, double boundaryF, double pooledJaccard, double pooledDice) {
    }

    /** A plot image and what it shows. */
    public record Plot(String file, String title, String caption) {
    }

    /** A titled group of gallery cases; {@code key} is a stable name (worst, best, named). */
    public record GallerySection(String key, String title, List<Case> cases) {
    }

    /**
     * One image in the gallery.
     *
     * @param figure   the panels' PNG, or null when there is none (then {@code note} says why)
     * @param scores   per stage, in pipeline order; empty when the image was not scored
     * @param uncertainty the segment run's uncertainty of the image; null when it has none
     */
    public record Case(String imageId, String figure, String note, List<CaseScore> scores, Double lesionFraction,
            Double meanFcnProbability, Double uncertainty) {
    }

    /** One stage's scores of one image. */
    public record CaseScore(String stage, double jaccard, double dice) {
    }
}
