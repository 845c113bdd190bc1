/**
 * Training the lesion FCN, apart from inference: the trainer ({@link dermaseg.train.FcnTrainer})
 * and its settings, the checkpoint it writes after every epoch and resumes from
 * ({@link dermaseg.train.TrainingCheckpoint}, with Adam's state through
 * {@link dermaseg.train.AdamState}), augmentation about the lesion centroid, the BCE + Dice loss.
 * It builds on {@link dermaseg.fcn} (the network, its input, the model card) and reads pairs
 * through {@link dermaseg.dataset.PairSource}; the packages that run on executors ({@code fcn},
 * {@code pipeline}, {@code spark}) never refer to it, so a change here cannot reach a segment or
 * evaluate job (a test checks their compiled classes).
 */
package dermaseg.train;
