/**
 * Segmentation quality against a ground-truth mask: pixel confusion counts
 * ({@link dermaseg.metrics.ConfusionCounts}), the scores derived from them
 * ({@link dermaseg.metrics.SegmentationScores}: Jaccard, Dice, sensitivity, specificity,
 * accuracy and the ISIC 2018 thresholded Jaccard) and their aggregation over a set of images
 * ({@link dermaseg.metrics.MetricSummary}); border distances ({@link dermaseg.metrics.BoundaryScores}:
 * HD95, ASSD, boundary F) and their per-image means ({@link dermaseg.metrics.BoundarySummary}).
 *
 * <p>Two aggregates exist and are easily confused. The ISIC challenges rank by the <em>mean of
 * per-image scores</em>, where every image weighs the same; <em>pooled</em> scores, computed from
 * the summed counts, weigh every pixel the same and so favour large lesions in large images. The
 * methods say which they return; reports lead with the per-image mean.
 */
package dermaseg.metrics;
