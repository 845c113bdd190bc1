/**
 * The Spark layer, which only adapts rows to the single-image pipeline. One shape:
 * {@link dermaseg.spark.LesionSegmentation}, a Spark ML Transformer whose three
 * {@code mapPartitions} stages ({@link dermaseg.spark.GlobalMaps}, {@link dermaseg.spark.LocalMaps},
 * {@link dermaseg.spark.FusedMasks}) run the pipeline over iterators, the model loaded once per
 * executor JVM ({@link dermaseg.spark.ExecutorModels}) on the GPU Spark assigned to the task, if
 * any. The jobs are thin shells over it: {@link dermaseg.spark.SegmentJob} (a listing through the
 * Transformer into a Parquet folder, {@link dermaseg.spark.FolderOutput}, or into Delta tables
 * that later runs extend, {@link dermaseg.spark.TableOutput}), {@link dermaseg.spark.EvaluateJob}
 * (its plan, {@link dermaseg.spark.EvaluationPlan}; re-runs, {@link dermaseg.spark.Reruns}; counts,
 * {@link dermaseg.spark.EvaluationTally}; gallery, {@link dermaseg.spark.EvaluationGallery}) and
 * {@link dermaseg.spark.PrepareTrainingJob}. Both summaries take their per-stage means and pooled
 * scores from {@link dermaseg.spark.StageTotals}.
 * Listing ({@link dermaseg.spark.InputListing}), ids ({@link dermaseg.spark.FileIds}), output keys
 * ({@link dermaseg.spark.SafeKeys}), the partition-count rule ({@link dermaseg.spark.Partitions}),
 * Delta commits ({@link dermaseg.spark.DeltaCommits}) and the explicit schemas
 * ({@link dermaseg.spark.Schemas}) live here too; the method itself does not.
 */
package dermaseg.spark;
