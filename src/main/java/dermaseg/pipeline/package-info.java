/**
 * One image through every stage, with no Spark in sight: {@link dermaseg.pipeline.LesionSegmenter}
 * for single images, and the three stage classes ({@link dermaseg.pipeline.GlobalStage},
 * {@link dermaseg.pipeline.RefineStage}, {@link dermaseg.pipeline.FusionStage}) that the Spark
 * jobs run as separate {@code mapPartitions} steps, passing compact records between them.
 */
package dermaseg.pipeline;
