package dermaseg.fcn;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;

/**
 * What the lesion FCN costs per image: its parameters and the multiply-accumulates (MACs) of its
 * convolutions at the working size.
 *
 * <p>How it counts: the network is built and initialised for one {@code S×S} image, then every
 * convolution in it (2-D and the attention's 1-D) adds {@code output elements × input channels
 * per group × kernel elements} MACs, from the input shape DJL recorded at initialisation. Batch
 * norm, activations, pooling, bilinear enlarging, the attention's pooling and products, and
 * additions are not counted: they are a few operations per activation, against hundreds per
 * output of a convolution, and counting them would make the figure depend on what a library
 * chooses to fuse. A bias is not counted either.
 *
 * <p>The convention: {@link #gflop()} reports <b>10⁹ MACs</b>, one multiply-accumulate counted as
 * one "FLOP". That is what the counters commonly used with PyTorch (thop, fvcore) report as
 * FLOPs, and the lightweight skin-lesion papers' figures (UNeXt's 0.57, MALUNet's 0.08, EGE-UNet's
 * 0.07 GFLOPs) are of that kind, so ours compare with theirs as they stand. Twice it is the count
 * of floating-point operations in the strict sense. The shipped U-Net (base 16, depth 5, dilated bottleneck) at 160×160: 1.486
 * GMAC (1,486,028,800) and 1,425,537 parameters. Issue 11's "about 3.2 GFLOP" matches neither
 * convention exactly: twice the MACs is 2.97 G operations, and 3.2 GMAC is what the same network
 * would cost at a working size of about 235.
 *
 * @param parameters every parameter array's elements, batch-norm running statistics included
 *     (the model card's {@code parameterCount} counts the same way)
 * @param multiplyAccumulates convolution MACs for one image at the working size
 */
public record FcnCost(long parameters, long multiplyAccumulates) {
    /** The cost of {@code config}'s network at its working size. */
    public static FcnCost of(FcnConfig config) {
        int size = config.workingSize();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            LesionFcn network = LesionFcn.of(config);
            network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            return of(network);
        }
    }

    /** The cost of an initialised network, at the input shape it was initialised for (batch 1). */
    public static FcnCost of(Block network) {
        long parameters = 0;
        for (Parameter p : network.getParameters().values()) {
            parameters += p.getArray().getShape().size();
        }
        return new FcnCost(parameters, multiplyAccumulates(network));
    }

    private static long multiplyAccumulates(Block block) {
        if (block instanceof Convolution conv) {
            Shape in = conv.getInputShapes()[0];
            Shape out = conv.getOutputShapes(new Shape[] {in})[0];
            long perOutput = in.get(1) / conv.getGroups() * conv.getKernelShape().size();
            return out.size() / out.get(0) * perOutput;
        }
        long macs = 0;
        for (Block child : block.getChildren().values()) {
            macs += multiplyAccumulates(child);
        }
        return macs;
    }

    /** Giga-MACs, the papers' "GFLOPs" (see the class comment). */
    public double gflop() {
        return multiplyAccumulates / 1e9;
    }
}
