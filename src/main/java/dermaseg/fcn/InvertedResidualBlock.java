package dermaseg.fcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * MobileNetV2's inverted residual (Sandler et al., "MobileNetV2: Inverted Residuals and Linear
 * Bottlenecks", CVPR 2018): a 1×1 convolution widens the input {@code t} times, a depthwise 3×3
 * filters each widened channel, and a linear 1×1 projects to the output width; the input is
 * added back when the shapes match. Batch norm after each convolution, ReLU6 after the first two.
 *
 * <p>Deviations: the block never strides (the FCN downsamples by max pooling between stages, as
 * its U-Net does, so every kind shares one skeleton); the depthwise convolution may be dilated
 * (the FCN's atrous bottleneck); the 1×1 expansion is kept even at {@code t = 1}, where the paper
 * drops it.
 */
final class InvertedResidualBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ConvNormBlock expand;
    private final ConvNormBlock depthwise;
    private final ConvNormBlock project;
    private final boolean residual;
    private final int outputChannels;

    InvertedResidualBlock(int inputChannels, int outputChannels, int expansion, int dilation) {
        super(VERSION);
        int hidden = inputChannels * expansion;
        this.outputChannels = outputChannels;
        this.residual = inputChannels == outputChannels;
        expand = addChildBlock("expand", ConvNormBlock.full(hidden, 1, 1, ConvNormBlock.Nonlinearity.RELU6));
        depthwise = addChildBlock("depthwise",
                ConvNormBlock.depthwise(hidden, 3, dilation, ConvNormBlock.Nonlinearity.RELU6));
        project = addChildBlock("project",
                ConvNormBlock.full(outputChannels, 1, 1, ConvNormBlock.Nonlinearity.NONE));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList y = expand.forward(store, inputs, training, params);
        y = depthwise.forward(store, y, training, params);
        y = project.forward(store, y, training, params);
        if (!residual) {
            return y;
        }
        NDArray x = inputs.singletonOrThrow();
        return new NDList(y.singletonOrThrow().add(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outputChannels, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (ConvNormBlock child : new ConvNormBlock[] {expand, depthwise, project}) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }
}
