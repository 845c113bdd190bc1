/**
 * Prepared training data: what the prepare-training job decides for each pair and how the trainer
 * reads the result, with no Spark in sight. {@link dermaseg.dataset.PairPreparer} validates one
 * id's image and mask files (a reason code for every refusal: {@link dermaseg.dataset.RejectReason}
 * or the decoder's own) and brings an accepted pair to its stored size;
 * {@link dermaseg.dataset.SplitRatios} assigns the split from a SHA-256 of the id;
 * {@link dermaseg.dataset.ContentHash} decides whether a pair changed since it was stored.
 * {@link dermaseg.dataset.DatasetLayout} is the on-disk (or on-S3) layout: a Delta table of pairs,
 * one commit per batch of changes; {@link dermaseg.dataset.DatasetSnapshot} reads one version of
 * it through Delta Kernel, and {@link dermaseg.dataset.ShardPairSource} streams one split of it
 * into {@link dermaseg.train.FcnTrainer} with parquet-hadoop's own reader.
 *
 * <p>Labelled pairs in general live here too, because evaluation reads them as well as training:
 * {@link dermaseg.dataset.PairSource} (with {@link dermaseg.dataset.TrainingPair}) is what the
 * trainer, the tune command and {@link dermaseg.pipeline.Evaluator} read, from a folder
 * ({@link dermaseg.dataset.FolderPairSource}) or from the shards.
 */
package dermaseg.dataset;
