package dermaseg.fcn;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
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
 * numerically stable loss). Every kind shares one skeleton: {@code depth} encoder stages with 2×2
 * max pooling between them, a decoder stage per skip, a 1×1 head.
 *
 * <p>The stages are built from one of three units ({@link FcnConfig#blockKind()}):
 * <ul>
 *   <li>{@code double-conv} (the shipped model): two full 3×3 convolutions per stage; the decoder
 *       enlarges, convolves 3×3 and concatenates the skip.</li>
 *   <li>{@code separable}: depthwise 3×3 then pointwise 1×1, batch norm and ReLU after the pair,
 *       none between them, as in Chollet, "Xception: Deep Learning with Depthwise Separable
 *       Convolutions" (CVPR 2017): about {@code 9 + C_out} instead of {@code 9·C_out}
 *       multiply-accumulates per input channel and pixel.</li>
 *   <li>{@code inverted-residual}: MobileNetV2's block (Sandler et al., CVPR 2018; see
 *       {@link InvertedResidualBlock}).</li>
 * </ul>
 * The two light kinds follow the lightweight skin-lesion networks in their decoder: UNeXt
 * (Valanarasu and Patel, "UNeXt: MLP-based Rapid Medical Image Segmentation Network", MICCAI
 * 2022), MALUNet and EGE-UNet (Ruan et al., BIBM 2022 and MICCAI 2023) join each skip by
 * addition and give each decoder stage one unit. Optionally ({@link FcnConfig#attention()})
 * every skip passes a {@link ChannelSpatialGate} first, after MALUNet's and EGE-UNet's bridges;
 * and optionally ({@link FcnConfig#hadamardStages()}) the deepest stages, encoder and decoder,
 * are built from EGE-UNet's Hadamard attention units ({@link GroupHadamardBlock}) instead, two
 * per encoder stage and one per decoder stage as the other light units are.
 *
 * <p>Deviations from the papers, and why:
 * <ul>
 *   <li>Learned upsampling is bilinear resize and a convolution, not a transposed convolution:
 *       DJL's PyTorch engine does not implement {@code Conv2dTranspose}, and resize-convolution
 *       also avoids checkerboard artefacts (Odena et al., Distill 2016). The light kinds apply
 *       their 1×1 convolution (and its norm) <em>before</em> enlarging: both are linear per
 *       pixel, so they commute with bilinear interpolation, and at a quarter of the pixels the
 *       convolution costs a quarter; only the ReLU moves.</li>
 *   <li>Batch normalisation after every convolution (group norm has no DJL block, and batch norm
 *       folds into the convolution for inference: {@link #foldBatchNorms()}), and far fewer
 *       channels than the papers' U-Net (16 in the first stage by default instead of 64): the
 *       network is trained from scratch on about 2000 images on two CPU cores, with no ImageNet
 *       initialisation available.</li>
 *   <li>The light kinds' first stage opens with one full 3×3 convolution: a depthwise
 *       convolution over three colour channels can only filter each colour alone, and a full
 *       one costs little there (UNeXt and EGE-UNet also open with plain convolutions).</li>
 *   <li>Downsampling is max pooling for every kind, not MobileNetV2's strided depthwise
 *       convolution, so the skeleton and its skips are the same whatever the unit.</li>
 *   <li>Optionally, the deepest stage uses atrous convolutions (dilation 2 then 4; in the light
 *       kinds the depthwise ones) to see the whole lesion at low cost, as in DeepLab (Chen et
 *       al., TPAMI 2018).</li>
 *   <li>The shipped kind joins every skip by concatenation (U-Net) rather than by summing class
 *       scores (FCN-8s): with one output class the richer skip is cheap.</li>
 *   <li>Deep-supervision heads (EGE-UNet's, without its gating of the next stage by them) exist
 *       only while training, in {@code dermaseg.train.DeepSupervisedFcn}, which reads
 *       {@link #logits}'s decoder outputs: this network, and so every parameter file, holds none
 *       of them.</li>
 *   <li>No tokenised MLP (UNeXt) stages.</li>
 * </ul>
 */
public final class LesionFcn extends AbstractBlock {
    private static final byte VERSION = 1;

    private final FcnConfig config;
    private final List<Block> encoderStages = new ArrayList<>();
    private final List<Block> upsamplers = new ArrayList<>();
    private final List<Block> decoderStages = new ArrayList<>();
    /** One per skip, in decoder order; empty without attention. */
    private final List<Block> skipGates = new ArrayList<>();
    private final Block pool;
    private final Block head;

    private LesionFcn(FcnConfig config) {
        super(VERSION);
        this.config = config;
        int depth = config.depth();
        // Children are added in the order the shipped model's parameter file holds them.
        for (int s = 0; s < depth; s++) {
            boolean deepest = s == depth - 1;
            int dilationA = deepest && config.dilatedBottleneck() ? 2 : 1;
            int dilationB = deepest && config.dilatedBottleneck() ? 4 : 1;
            int input = s == 0 ? 3 : config.channels(s - 1);
            Block stage = config.isHadamardStage(s)
                    ? new SequentialBlock()
                            .add(new GroupHadamardBlock(input, config.channels(s), dilationA))
                            .add(new GroupHadamardBlock(config.channels(s), config.channels(s), dilationB))
                    : encoderStage(s == 0, input, config.channels(s), dilationA, dilationB);
            encoderStages.add(addChildBlock("encoder" + s, stage));
        }
        for (int s = depth - 2; s >= 0; s--) {
            upsamplers.add(addChildBlock("upconv" + s, upsampler(config.channels(s))));
            int channels = config.channels(s);
            decoderStages.add(addChildBlock("decoder" + s, config.isHadamardStage(s)
                    ? new GroupHadamardBlock(channels, channels, 1)
                    : decoderStage(channels)));
        }
        pool = addChildBlock("pool", Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        head = addChildBlock("head", Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(1)
                .build());
        if (config.attention()) {
            for (int s = depth - 2; s >= 0; s--) {
                skipGates.add(addChildBlock("gate" + s, new ChannelSpatialGate()));
            }
        }
    }

    /** Builds the network for the given shape; parameters are uninitialised. */
    public static LesionFcn of(FcnConfig config) {
        return new LesionFcn(config);
    }

    public FcnConfig config() {
        return config;
    }

    private boolean joinsByConcatenation() {
        return config.blockKind() == BlockKind.DOUBLE_CONV;
    }

    private Block encoderStage(boolean first, int input, int output, int dilationA, int dilationB) {
        return switch (config.blockKind()) {
            case DOUBLE_CONV -> new SequentialBlock()
                    .add(ConvNormBlock.full(output, 3, dilationA, ConvNormBlock.Nonlinearity.RELU))
                    .add(ConvNormBlock.full(output, 3, dilationB, ConvNormBlock.Nonlinearity.RELU));
            case SEPARABLE -> new SequentialBlock()
                    .add(first ? ConvNormBlock.full(output, 3, dilationA, ConvNormBlock.Nonlinearity.RELU)
                            : separable(input, output, dilationA))
                    .add(separable(output, output, dilationB));
            case INVERTED_RESIDUAL -> new SequentialBlock()
                    .add(first ? ConvNormBlock.full(output, 3, dilationA, ConvNormBlock.Nonlinearity.RELU6)
                            : new InvertedResidualBlock(input, output, config.expansion(), dilationA))
                    .add(new InvertedResidualBlock(output, output, config.expansion(), dilationB));
        };
    }

    private Block upsampler(int output) {
        return joinsByConcatenation()
                ? ConvNormBlock.full(output, 3, 1, ConvNormBlock.Nonlinearity.RELU)
                : ConvNormBlock.full(output, 1, 1, ConvNormBlock.Nonlinearity.RELU);
    }

    private Block decoderStage(int channels) {
        return switch (config.blockKind()) {
            case DOUBLE_CONV -> new SequentialBlock()
                    .add(ConvNormBlock.full(channels, 3, 1, ConvNormBlock.Nonlinearity.RELU))
                    .add(ConvNormBlock.full(channels, 3, 1, ConvNormBlock.Nonlinearity.RELU));
            case SEPARABLE -> separable(channels, channels, 1);
            case INVERTED_RESIDUAL -> new InvertedResidualBlock(channels, channels, config.expansion(), 1);
        };
    }

    /** Depthwise k×k (no norm, no nonlinearity: Xception's finding), then pointwise 1×1, norm, ReLU. */
    private static Block separable(int input, int output, int dilation) {
        return new SequentialBlock()
                .add(ConvNormBlock.conv(input, 3, dilation, input))
                .add(ConvNormBlock.full(output, 1, 1, ConvNormBlock.Nonlinearity.RELU));
    }

    /**
     * Folds every batch norm into the convolution before it ({@link ConvNormBlock#foldNorm()}),
     * for a network that will only predict: same outputs to rounding, one pass fewer per
     * convolution. Call once, after the parameters are loaded and before any predictor runs.
     *
     * @return how many norms were folded
     */
    public int foldBatchNorms() {
        return foldBatchNorms(this);
    }

    private static int foldBatchNorms(Block block) {
        if (block instanceof ConvNormBlock unit) {
            if (!unit.isFolded()) {
                unit.foldNorm();
            }
            return 1;
        }
        int folded = 0;
        for (Block child : block.getChildren().values()) {
            folded += foldBatchNorms(child);
        }
        return folded;
    }

    /**
     * Computes every Hadamard unit's weight maps once, at the size the unit sees when the input is
     * the working size ({@link GroupHadamardBlock#foldWeightMaps}): they depend on the weights
     * alone. For a network that will only predict; call once, after the parameters are loaded and
     * before any predictor runs.
     *
     * @return how many units were folded (0 without Hadamard stages)
     */
    public int foldWeightMaps() {
        int folded = 0;
        int depth = config.depth();
        for (int s = 0; s < depth; s++) {
            if (config.isHadamardStage(s)) {
                long side = config.workingSize() >> s;
                folded += foldWeightMaps(encoderStages.get(s), side);
                if (s < depth - 1) {
                    folded += foldWeightMaps(decoderStages.get(depth - 2 - s), side);
                }
            }
        }
        return folded;
    }

    private static int foldWeightMaps(Block block, long side) {
        if (block instanceof GroupHadamardBlock unit) {
            unit.foldWeightMaps(side, side);
            return 1;
        }
        int folded = 0;
        for (Block child : block.getChildren().values()) {
            folded += foldWeightMaps(child, side);
        }
        return folded;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(logits(store, inputs.singletonOrThrow(), training, null));
    }

    /**
     * The logits, as {@link #forward} gives them; when {@code decoderOutputs} is not null, the
     * output of every decoder stage but the last (deepest first: {@link #decoderChannels}) is
     * appended to it. That is what training-time deep-supervision heads read; inference passes
     * null.
     */
    public NDArray logits(ParameterStore store, NDArray input, boolean training, List<NDArray> decoderOutputs) {
        NDArray x = input;
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
            if (config.attention()) {
                skip = skipGates.get(i).forward(store, new NDList(skip), training).singletonOrThrow();
            }
            Shape skipShape = skip.getShape();
            long[] size = {skipShape.get(2), skipShape.get(3)};
            Block up = upsamplers.get(i);
            NDArray joined;
            if (joinsByConcatenation()) {
                NDArray enlarged = enlarge(x, size);
                joined = skip.concat(up.forward(store, new NDList(enlarged), training).singletonOrThrow(), 1);
            } else {
                NDArray projected = up.forward(store, new NDList(x), training).singletonOrThrow();
                joined = skip.add(enlarge(projected, size));
            }
            x = decoderStages.get(i).forward(store, new NDList(joined), training).singletonOrThrow();
            if (decoderOutputs != null && s > 0) {
                decoderOutputs.add(x);
            }
        }
        return head.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Channels of the decoder outputs {@link #logits} collects, deepest first; output {@code i} has
     * {@code 2^(depth-2-i)} times fewer pixels a side than the input.
     */
    public int[] decoderChannels() {
        int depth = config.depth();
        int[] channels = new int[depth - 2];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = config.channels(depth - 2 - i);
        }
        return channels;
    }

    /** Bilinear resize of {@code (N, C, h, w)} to {@code size} = {H, W}, corners not aligned. */
    public static NDArray enlarge(NDArray x, long[] size) {
        return x.getNDArrayInternal().interpolation(size, Image.Interpolation.BILINEAR.ordinal(), false);
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
            if (config.attention()) {
                skipGates.get(i).initialize(manager, dataType, skip);
            }
            Block up = upsamplers.get(i);
            Shape joined;
            if (joinsByConcatenation()) {
                Shape upIn = new Shape(n, current.get(1), skip.get(2), skip.get(3));
                up.initialize(manager, dataType, upIn);
                Shape upOut = up.getOutputShapes(new Shape[] {upIn})[0];
                joined = new Shape(n, skip.get(1) + upOut.get(1), skip.get(2), skip.get(3));
            } else {
                up.initialize(manager, dataType, current);
                joined = skip;
            }
            Block dec = decoderStages.get(i);
            dec.initialize(manager, dataType, joined);
            current = dec.getOutputShapes(new Shape[] {joined})[0];
        }
        head.initialize(manager, dataType, new Shape(n, current.get(1), h, w));
    }
}
