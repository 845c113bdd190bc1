package dermaseg.report;

import java.util.Map;

/**
 * One image of the segment output as the report's per-image table and plots see it.
 *
 * @param outcome     its {@link Outcome} code
 * @param scores      stage → scores, in pipeline order; empty when the image was not scored
 * @param uncertainty in [0, 1], high when the segmentation is likely wrong; null when the segment
 *                    output has no such column, or none for this image
 * @param descriptors its lesion's ABCD descriptors; null members where not measured
 * @param figure      its gallery figure (a path in the report), or null when it is not in the gallery
 */
public record ImageRow(String imageId, String outcome, Map<String, StageScores> scores, Double uncertainty,
        Double lesionFraction, Descriptors descriptors, String figure) {

    /** One stage's scores of the image. */
    public record StageScores(double jaccard, double boundaryF, double hd95Px) {
    }

    /**
     * The ABCD descriptors of {@code masks/}, as the distributions show them.
     *
     * @param borderAbruptness the mean over the border's segments that have a value
     * @param colours          how many of the six dermoscopic colours are present
     */
    public record Descriptors(Integer asymmetryScore, Double compactness, Double borderAbruptness,
            Double diameterPx, Integer colours) {
    }

    /** The Jaccard of {@code stage}, or null when the image was not scored there. */
    public Double jaccard(String stage) {
        StageScores s = scores.get(stage);
        return s == null ? null : s.jaccard();
    }
}
