/**
 * Prepared training data: what the prepare-training job decides for each pair and how the trainer
 * reads the result, with no Spark in sight. {@link dermaseg.dataset.PairPreparer} validates one
 * id's image and mask files (a reason code for every refusal: {@link dermaseg.dataset.RejectReason}
 * or the decoder's own) and brings an accepted pair to its stored size;
 * {@link dermaseg.dataset.SplitRatios} assigns the split from a SHA-256 of the id;
 * {@link dermaseg.dataset.ContentHash} decides whether a pair changed since the last run.
 * {@link dermaseg.dataset.DatasetLayout} is the on-disk (or on-S3) layout: append-only per-run
 * shards and rejects, and manifest snapshots that name each pair's current row;
 * {@link dermaseg.dataset.ShardManifest} and {@link dermaseg.dataset.ShardPairSource} stream one
 * split of a snapshot into {@link dermaseg.fcn.FcnTrainer} with parquet-hadoop's own reader.
 */
package dermaseg.dataset;
