/**
 * One image through every stage, with no Spark in sight: {@link dermaseg.pipeline.LesionSegmenter}
 * for single images, and the three stage classes ({@link dermaseg.pipeline.GlobalStage},
 * {@link dermaseg.pipeline.RefineStage}, {@link dermaseg.pipeline.FusionStage}) that the Spark
 * Transformer runs as separate {@code mapPartitions} steps, each handing on only what the next
 * reads; {@link dermaseg.pipeline.SettingsHash} names the stage settings a mask depends on,
 * {@link dermaseg.pipeline.RecordedSettings} rebuilds them from a run's summary for a re-run, and
 * {@link dermaseg.pipeline.MetricStage} names the stages every metrics table scores.
 */
package dermaseg.pipeline;
