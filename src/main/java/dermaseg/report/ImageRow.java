package dermaseg.report;

import java.util.Map;

/**
 * One scored image as the report's plots see it.
 *
 * @param jaccard stage → Jaccard, in pipeline order; a stage the image has no score for is absent
 */
public record ImageRow(String imageId, Map<String, Double> jaccard) {
}
