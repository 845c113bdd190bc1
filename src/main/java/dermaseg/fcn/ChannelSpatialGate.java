package dermaseg.fcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A light attention on a skip connection: a channel gate, then a spatial gate, each a sigmoid
 * weight multiplied into the features. It follows the bridges of MALUNet (Ruan et al., "MALUNet:
 * A Multi-Attention and Light-weight UNet for Skin Lesion Segmentation", BIBM 2022), whose channel
 * attention bridge pools each stage globally and weighs channels through a 1-D convolution and
 * whose spatial attention bridge convolves the channel-wise mean and maximum with a dilated 7×7
 * kernel; EGE-UNet (Ruan et al., "EGE-UNet: an Efficient Group Enhanced UNet for skin lesion
 * segmentation", MICCAI 2023) keeps such gates on its skips. Cost: a few dozen parameters and
 * about 100 multiply-accumulates per pixel whatever the width.
 *
 * <ul>
 *   <li>Channel gate: global average pool, a 1-D convolution of width 3 across the channels
 *       (ECA-Net's form, Wang et al., CVPR 2020), sigmoid.</li>
 *   <li>Spatial gate: the gated features' mean and maximum over channels, a 7×7 convolution with
 *       dilation 3 (receptive field 19 px), sigmoid.</li>
 * </ul>
 *
 * <p>Deviations: each skip is gated from its own stage alone (MALUNet's bridges also mix the
 * pooled descriptors of all stages); no residual around the gate. EGE-UNet's Hadamard-product
 * attention over learned axis-wise weights (GHPA) is a stage unit, not a gate:
 * {@link GroupHadamardBlock}.
 */
final class ChannelSpatialGate extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final int CHANNEL_KERNEL = 3;
    private static final int SPATIAL_KERNEL = 7;
    private static final int SPATIAL_DILATION = 3;

    private final Conv1d channelMixer;
    private final Conv2d spatialMixer;

    ChannelSpatialGate() {
        super(VERSION);
        channelMixer = addChildBlock("channel", Conv1d.builder()
                .setKernelShape(new Shape(CHANNEL_KERNEL))
                .optPadding(new Shape(CHANNEL_KERNEL / 2))
                .setFilters(1)
                .optBias(false)
                .build());
        int pad = SPATIAL_DILATION * (SPATIAL_KERNEL - 1) / 2;
        spatialMixer = addChildBlock("spatial", Conv2d.builder()
                .setKernelShape(new Shape(SPATIAL_KERNEL, SPATIAL_KERNEL))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(SPATIAL_DILATION, SPATIAL_DILATION))
                .setFilters(1)
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        // PyTorch's mean in DJL takes one axis: pool over the flattened positions.
        NDArray pooled = x.reshape(n, c, -1).mean(new int[] {2}).reshape(n, 1, c);
        NDArray channelLogits = channelMixer.forward(store, new NDList(pooled), training, params).singletonOrThrow();
        NDArray gated = x.mul(Activation.sigmoid(channelLogits).reshape(n, c, 1, 1));
        NDArray descriptor = gated.mean(new int[] {1}, true).concat(gated.max(new int[] {1}, true), 1);
        NDArray spatialLogits = spatialMixer.forward(store, new NDList(descriptor), training, params)
                .singletonOrThrow();
        return new NDList(gated.mul(Activation.sigmoid(spatialLogits)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        channelMixer.initialize(manager, dataType, new Shape(in.get(0), 1, in.get(1)));
        spatialMixer.initialize(manager, dataType, new Shape(in.get(0), 2, in.get(2), in.get(3)));
    }
}
