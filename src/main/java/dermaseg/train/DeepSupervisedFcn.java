package dermaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dermaseg.fcn.LesionFcn;
import java.util.ArrayList;
import java.util.List;

/**
 * The lesion FCN with deep-supervision heads, for training only: a 1×1 convolution to one logit
 * on the output of every decoder stage but the last, enlarged bilinearly to the input's size, so
 * that the loss ({@link DeepSupervisionLoss}) also asks the coarse stages for the mask. After Lee
 * et al., "Deeply-Supervised Nets" (AISTATS 2015), as EGE-UNet uses it for skin lesions (Ruan et
 * al., "EGE-UNet: an Efficient Group Enhanced UNet for Skin Lesion Segmentation", MICCAI 2023).
 *
 * <p>In training mode the forward pass gives the network's logits followed by one map per head,
 * deepest first; in inference mode the logits alone, so validation scores exactly the network
 * that is saved. The heads are children of this block, not of {@link LesionFcn}: the saved
 * parameter file holds the network alone ({@link FcnTrainer}), and inference never builds them.
 *
 * <p>Deviations from EGE-UNet: its heads' maps also gate the next decoder stage, which would put
 * them into the inference network; here they only add loss terms. Heads are enlarged to the
 * target's size rather than the target shrunk to theirs, so every term is scored on the same
 * pixels.
 */
final class DeepSupervisedFcn extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LesionFcn network;
    private final List<Block> heads = new ArrayList<>();

    DeepSupervisedFcn(LesionFcn network) {
        super(VERSION);
        this.network = addChildBlock("fcn", network);
        for (int i = 0; i < network.decoderChannels().length; i++) {
            heads.add(addChildBlock("auxhead" + i, Conv2d.builder()
                    .setKernelShape(new Shape(1, 1))
                    .setFilters(1)
                    .build()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training) {
            return new NDList(network.logits(store, x, false, null));
        }
        List<NDArray> decoderOutputs = new ArrayList<>();
        NDList outputs = new NDList(network.logits(store, x, true, decoderOutputs));
        long[] size = {x.getShape().get(2), x.getShape().get(3)};
        for (int i = 0; i < heads.size(); i++) {
            NDArray coarse = heads.get(i).forward(store, new NDList(decoderOutputs.get(i)), true).singletonOrThrow();
            outputs.add(LesionFcn.enlarge(coarse, size));
        }
        return outputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return network.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // The network first, so that its initial weights are those it would have without heads.
        network.initialize(manager, dataType, inputShapes);
        Shape in = inputShapes[0];
        int[] channels = network.decoderChannels();
        int depth = network.config().depth();
        for (int i = 0; i < heads.size(); i++) {
            long shrink = 1L << (depth - 2 - i);
            heads.get(i).initialize(manager, dataType,
                    new Shape(in.get(0), channels[i], in.get(2) / shrink, in.get(3) / shrink));
        }
    }
}
