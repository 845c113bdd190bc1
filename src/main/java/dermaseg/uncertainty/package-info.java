/**
 * How likely a segmentation is wrong, per image: the signals the pipeline already has
 * ({@link dermaseg.uncertainty.UncertaintyFeatures}), a score fitted to them on validation data
 * and stored in the model card ({@link dermaseg.uncertainty.UncertaintyModel},
 * {@link dermaseg.uncertainty.UncertaintyFit}), and the ranking figures it is judged by
 * ({@link dermaseg.uncertainty.UncertaintyRanking}). No Spark here.
 */
package dermaseg.uncertainty;
