/**
 * One image through every stage, with no Spark in sight: {@link dermaseg.pipeline.LesionSegmenter}
 * for single images, and the three stage classes ({@link dermaseg.pipeline.GlobalStage},
 * {@link dermaseg.pipeline.RefineStage}, {@link dermaseg.pipeline.FusionStage}) that the Spark
 * Transformer runs as separate {@code mapPartitions} steps, each handing on only what the next
 * reads; {@link dermaseg.pipeline.SettingsHash} names the stage settings a mask depends on.
 */
package dermaseg.pipeline;
