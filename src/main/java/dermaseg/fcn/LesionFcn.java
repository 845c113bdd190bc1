package dermaseg.fcn;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The fully convolutional network that gives the global lesion map: an encoder-decoder with skip
 * connections, in the spirit of Long, Shelhamer and Darrell, "Fully Convolutional Networks for
 * Semantic Segmentation" (CVPR 2015) and its U-Net refinement (Ronneberger et al., MICCAI 2015),
 * as used for dermoscopy by Bozorgtabar et al., "Skin lesion segmentation using deep convolution
 * networks guided by local unsupervised learning" (IBM J. Res. Dev. 61(4/5), 2017).
 *
 * <p>Input: {@code (N, 3, S, S)} standardised RGB at the working size. Output: {@code (N, 1, S, S)}
 * lesion <em>logits</em> (apply a sigmoid for probabilities; training uses the logits for a
 * numerically stable loss).
 *
 * <p>Deviations from the papers, and why:
 * <ul>
 *   <li>Learned upsampling is bilinear resize followed by a 3×3 convolution, not a transposed
 *       convolution: DJL's PyTorch engine does not implement {@code Conv2dTranspose}, and
 *       resize-convolution also avoids checkerboard artefacts (Odena et al., Distill 2016).</li>
 *   <li>Batch normalisation after every convolution, and far fewer channels (16 in the first stage
 *       by default instead of 64): the network is trained from scratch on about 2000 images on
 *       two CPU cores, with no ImageNet initialisation available.</li>
 *   <li>Optionally, the deepest stage uses atrous convolutions (dilation 2 then 4) to see the
 *       whole lesion at low cost, as in DeepLab (Chen et al., TPAMI 2018).</li>
 *   <li>Every stage's skip is joined to the decoder by concatenation (U-Net) rather than by
 *       summing class scores (FCN-8s): with one output class the richer skip is cheap.</li>
 * </ul>
 */
public final class LesionFcn extends AbstractBlock {
    private static final byte VERSION = 1;

    private final FcnConfig config;
    private final List<Block> encoderStages = new ArrayList<>();
    private final List<Block> upsamplers = new ArrayList<>();
    private final List<Block> decoderStages = new ArrayList<>();
    private final Block pool;
    private final Block head;

    private LesionFcn(FcnConfig config) {
        super(VERSION);
        this.config = config;
        int depth = config.depth();
        for (int s = 0; s < depth; s++) {
            boolean deepest = s == depth - 1;
            int dilationA = deepest && config.dilatedBottleneck() ? 2 : 1;
            int dilationB = deepest && config.dilatedBottleneck() ? 4 : 1;
            encoderStages.add(addChildBlock("encoder" + s,
                    doubleConv(channels(s), dilationA, dilationB)));
        }
        for (int s = depth - 2; s >= 0; s--) {
            upsamplers.add(addChildBlock("upconv" + s, convBnRelu(channels(s), 1)));
            decoderStages.add(addChildBlock("decoder" + s, doubleConv(channels(s), 1, 1)));
        }
        pool = addChildBlock("pool", Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        head = addChildBlock("head", Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(1)
                .build());
    }

    /** Builds the network for the given shape; parameters are uninitialised. */
    public static LesionFcn of(FcnConfig config) {
        return new LesionFcn(config);
    }

    public FcnConfig config() {
        return config;
    }

    private int channels(int stage) {
        return config.baseChannels() * Math.min(1 << stage, 8);
    }

    private static SequentialBlock convBnRelu(int filters, int dilation) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(dilation, dilation))
                        .optDilation(new Shape(dilation, dilation))
                        .setFilters(filters)
                        .optBias(false)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    private static SequentialBlock doubleConv(int filters, int dilationA, int dilationB) {
        return new SequentialBlock()
                .add(convBnRelu(filters, dilationA))
                .add(convBnRelu(filters, dilationB));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int depth = config.depth();
        NDArray[] skips = new NDArray[depth];
        for (int s = 0; s < depth; s++) {
            if (s > 0) {
                x = pool.forward(store, new NDList(x), training).singletonOrThrow();
            }
            x = encoderStages.get(s).forward(store, new NDList(x), training).singletonOrThrow();
            skips[s] = x;
        }
        for (int i = 0; i < depth - 1; i++) {
            int s = depth - 2 - i;
            NDArray skip = skips[s];
            Shape skipShape = skip.getShape();
            NDArray up = x.getNDArrayInternal().interpolation(
                    new long[] {skipShape.get(2), skipShape.get(3)},
                    Image.Interpolation.BILINEAR.ordinal(), false);
            up = upsamplers.get(i).forward(store, new NDList(up), training).singletonOrThrow();
            x = decoderStages.get(i)
                    .forward(store, new NDList(skip.concat(up, 1)), training)
                    .singletonOrThrow();
        }
        return head.forward(store, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), 1, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        int depth = config.depth();
        Shape[] stageOut = new Shape[depth];
        Shape current = in;
        for (int s = 0; s < depth; s++) {
            if (s > 0) {
                pool.initialize(manager, dataType, current);
                current = pool.getOutputShapes(new Shape[] {current})[0];
            }
            Block stage = encoderStages.get(s);
            stage.initialize(manager, dataType, current);
            current = stage.getOutputShapes(new Shape[] {current})[0];
            stageOut[s] = current;
        }
        for (int i = 0; i < depth - 1; i++) {
            int s = depth - 2 - i;
            Shape skip = stageOut[s];
            Shape upIn = new Shape(n, current.get(1), skip.get(2), skip.get(3));
            Block up = upsamplers.get(i);
            up.initialize(manager, dataType, upIn);
            Shape upOut = up.getOutputShapes(new Shape[] {upIn})[0];
            Shape joined = new Shape(n, skip.get(1) + upOut.get(1), skip.get(2), skip.get(3));
            Block dec = decoderStages.get(i);
            dec.initialize(manager, dataType, joined);
            current = dec.getOutputShapes(new Shape[] {joined})[0];
        }
        head.initialize(manager, dataType, new Shape(n, current.get(1), h, w));
    }
}
