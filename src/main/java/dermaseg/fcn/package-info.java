/**
 * The global stage: the lesion FCN ({@link dermaseg.fcn.LesionFcn}), its input preparation, the
 * DJL translator and the per-JVM model cache used for inference, and everything needed to train
 * it (augmentation about the lesion centroid, BCE + Dice loss, pair sources, the trainer and the
 * model card that travels with every saved model). DJL runs offline with the PyTorch engine;
 * its natives come from a Maven jar, never from the network.
 */
package dermaseg.fcn;
