/**
 * The Spark jobs, thin shells that move rows between the pipeline's stages:
 * {@link dermaseg.spark.SegmentJob} (images to masks and metrics as Parquet),
 * {@link dermaseg.spark.EvaluateJob} (a segment run and ground truth to the ablation and an HTML
 * report) and {@link dermaseg.spark.PrepareTrainingJob} (image/mask corpora to training shards).
 * Each stage is a {@code mapPartitions} step over iterators, so no partition is held whole;
 * {@link dermaseg.spark.ExecutorModels} loads the FCN once per executor JVM and puts it on the
 * GPU Spark assigned to the task, if any. Listing ({@link dermaseg.spark.InputListing}), ids
 * ({@link dermaseg.spark.FileIds}), output keys ({@link dermaseg.spark.SafeKeys}) and the
 * explicit Parquet schemas ({@link dermaseg.spark.Schemas}) live here too; the method itself
 * does not.
 */
package dermaseg.spark;
