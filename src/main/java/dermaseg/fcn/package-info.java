/**
 * The global stage at inference: the lesion FCN ({@link dermaseg.fcn.LesionFcn}) and its shape,
 * its input preparation, the DJL translator, the per-JVM model cache, the bundled models by name
 * ({@link dermaseg.fcn.ModelLocation}), the C heap setting that inference runs with
 * ({@link dermaseg.fcn.NativeHeap}) and the model card that travels with every saved model. This
 * is what executors load; nothing here needs the training code ({@link dermaseg.train}), which
 * depends on this package and never the other way round.
 * DJL runs offline with the PyTorch engine; its natives come from a Maven jar, never from the
 * network.
 */
package dermaseg.fcn;
