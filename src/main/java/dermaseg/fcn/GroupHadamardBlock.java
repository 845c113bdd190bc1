package dermaseg.fcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * EGE-UNet's group multi-axis Hadamard product attention (Ruan et al., "EGE-UNet: an Efficient
 * Group Enhanced UNet for skin lesion segmentation", MICCAI 2023, section 2.1, "GHPA"): the input's
 * channels are split into four groups; three are multiplied elementwise by weight maps learned
 * over one plane each, (height, width), (channel, height) and (channel, width), and the fourth is
 * filtered by a small convolution; the groups are joined and mixed by a depthwise-separable
 * convolution. The learned maps are small grids ({@value #GRID}×{@value #GRID} or
 * {@value #GRID} long) enlarged bilinearly to the input's size and refined by a depthwise and a
 * pointwise convolution, so one set of weights serves any working size; a map depends only on
 * the weights, never on the image, so the "attention" is a learned, resolution-free reweighting of
 * positions and channels, not a similarity between pixels (hence linear cost).
 *
 * <p>Deviations from the paper, and why:
 * <ul>
 *   <li>Batch norm after the mixing convolutions (depthwise, then pointwise), where the paper
 *       puts layer norm before the split and before the mixing: batch norm folds into the
 *       convolutions for inference ({@link LesionFcn#foldBatchNorms()}); every other unit of
 *       {@link LesionFcn} norms the same way, and the block's input is the previous unit's
 *       normed output.</li>
 *   <li>The output ends in batch norm and ReLU, as the other units do, instead of a bare
 *       pointwise convolution: each unit hands the next normed, rectified features.</li>
 *   <li>The fourth group's depthwise convolution and the mixing one take the stage's dilation
 *       (the FCN's atrous bottleneck).</li>
 *   <li>Enlarging does not align corners (the paper's PyTorch call does); it is the one
 *       bilinear resize the whole network uses ({@link LesionFcn#enlarge}).</li>
 *   <li>The maps' (channel, height) and (channel, width) planes multiply the features by
 *       broadcasting over the third axis, with no permutation: the same product, one pass.</li>
 * </ul>
 *
 * <p>The paper's group aggregation bridge (GAB) is not built: the skip joins are
 * {@link LesionFcn}'s, optionally gated by {@link ChannelSpatialGate}.
 */
final class GroupHadamardBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Side of the learned weight grids before enlarging: the paper's 8. */
    static final int GRID = 8;
    private static final int GROUPS = 4;

    private final int inputChannels;
    private final int outputChannels;
    private final Parameter planeWeights;
    private final Parameter rowWeights;
    private final Parameter columnWeights;
    private final Block planeMixer;
    private final Block rowMixer;
    private final Block columnMixer;
    private final Block local;
    private final Block mixer;
    /** Set once, at load time, before any predictor exists; never while training. */
    private volatile FoldedMaps folded;

    /** The three maps as {@link #foldWeightMaps} computed them for one input size. */
    private record FoldedMaps(long height, long width, NDArray plane, NDArray rows, NDArray columns) {
    }

    /**
     * @param inputChannels a multiple of 4: one quarter per group
     * @param dilation of the fourth group's and of the mixing depthwise convolutions
     */
    GroupHadamardBlock(int inputChannels, int outputChannels, int dilation) {
        super(VERSION);
        if (inputChannels % GROUPS != 0) {
            throw new IllegalArgumentException("a Hadamard block splits its input into " + GROUPS
                    + " groups; " + inputChannels + " channels do not divide");
        }
        this.inputChannels = inputChannels;
        this.outputChannels = outputChannels;
        int quarter = inputChannels / GROUPS;
        // Ones at the start: every map begins as the identity, as in the paper.
        planeWeights = addParameter(weightGrid("plane", new Shape(1, quarter, GRID, GRID)));
        rowWeights = addParameter(weightGrid("row", new Shape(1, quarter, GRID, 1)));
        columnWeights = addParameter(weightGrid("column", new Shape(1, quarter, 1, GRID)));
        planeMixer = addChildBlock("planeMixer", mapRefiner(quarter, new Shape(3, 3)));
        rowMixer = addChildBlock("rowMixer", mapRefiner(quarter, new Shape(3, 1)));
        columnMixer = addChildBlock("columnMixer", mapRefiner(quarter, new Shape(1, 3)));
        local = addChildBlock("local", new SequentialBlock()
                .add(ConvNormBlock.full(quarter, 1, 1, ConvNormBlock.Nonlinearity.GELU))
                .add(ConvNormBlock.conv(quarter, 3, dilation, quarter)));
        mixer = addChildBlock("mixer", new SequentialBlock()
                .add(ConvNormBlock.depthwise(inputChannels, 3, dilation, ConvNormBlock.Nonlinearity.GELU))
                .add(ConvNormBlock.full(outputChannels, 1, 1, ConvNormBlock.Nonlinearity.RELU)));
    }

    /** A learned grid of map values, all ones at the start (the trainer keeps a parameter's own initialiser). */
    private static Parameter weightGrid(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(Initializer.ONES)
                .build();
    }

    /** Depthwise {@code kernel} with bias, GELU, pointwise 1×1 with bias: the paper's map refiner. */
    private static Block mapRefiner(int channels, Shape kernel) {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(kernel)
                        .optPadding(new Shape(kernel.get(0) / 2, kernel.get(1) / 2))
                        .optGroups(channels)
                        .setFilters(channels)
                        .build())
                .add(Activation.geluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(channels).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        FoldedMaps f = folded;
        if (f != null && training) {
            throw new IllegalStateException("a block with its weight maps folded is for inference only");
        }
        NDArray plane;
        NDArray rows;
        NDArray columns;
        if (f != null && f.height() == height && f.width() == width) {
            plane = f.plane();
            rows = f.rows();
            columns = f.columns();
        } else {
            plane = refine(store, store.getValue(planeWeights, x.getDevice(), training), planeMixer,
                    new long[] {height, width}, training);
            rows = refine(store, store.getValue(rowWeights, x.getDevice(), training), rowMixer,
                    new long[] {height, 1}, training);
            columns = refine(store, store.getValue(columnWeights, x.getDevice(), training), columnMixer,
                    new long[] {1, width}, training);
        }
        NDList groups = x.split(GROUPS, 1);
        NDArray filtered = local.forward(store, new NDList(groups.get(3)), training).singletonOrThrow();
        NDArray joined = NDArrays.concat(new NDList(groups.get(0).mul(plane), groups.get(1).mul(rows),
                groups.get(2).mul(columns), filtered), 1);
        return mixer.forward(store, new NDList(joined), training);
    }

    /** One learned grid, enlarged to {@code size} and refined: {@code (1, C/4, H or 1, W or 1)}. */
    private static NDArray refine(ParameterStore store, NDArray grid, Block refiner, long[] size, boolean training) {
        return refiner.forward(store, new NDList(LesionFcn.enlarge(grid, size)), training).singletonOrThrow();
    }

    /**
     * Computes the three weight maps once for inputs of {@code height × width}, for a loaded
     * network that will only predict: they depend on the weights alone, so each pass at that size
     * then skips their twelve small operations (enlarging and refining) and only multiplies.
     * Inputs of another size still compute theirs. The folded block refuses to train, since its
     * maps would not follow the updates.
     */
    void foldWeightMaps(long height, long width) {
        NDManager owner = planeWeights.getArray().getManager();
        ParameterStore store = new ParameterStore(owner, false);
        try (NDManager scratch = owner.newSubManager()) {
            NDArray plane = refine(store, copyInto(planeWeights, scratch), planeMixer, new long[] {height, width},
                    false);
            NDArray rows = refine(store, copyInto(rowWeights, scratch), rowMixer, new long[] {height, 1}, false);
            NDArray columns = refine(store, copyInto(columnWeights, scratch), columnMixer, new long[] {1, width},
                    false);
            // Kept with the weights; the intermediate arrays close with the scratch manager.
            for (NDArray map : new NDArray[] {plane, rows, columns}) {
                map.attach(owner);
            }
            folded = new FoldedMaps(height, width, plane, rows, columns);
        }
    }

    boolean hasFoldedWeightMaps() {
        return folded != null;
    }

    /** A copy of a grid owned by {@code manager}, so that what is computed from it is owned there too. */
    private static NDArray copyInto(Parameter grid, NDManager manager) {
        NDArray copy = grid.getArray().duplicate();
        copy.attach(manager);
        return copy;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outputChannels, in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long quarter = inputChannels / GROUPS;
        long height = in.get(2);
        long width = in.get(3);
        // At the shapes they will see, so that FcnCost counts the refiners' convolutions as run.
        planeMixer.initialize(manager, dataType, new Shape(1, quarter, height, width));
        rowMixer.initialize(manager, dataType, new Shape(1, quarter, height, 1));
        columnMixer.initialize(manager, dataType, new Shape(1, quarter, 1, width));
        local.initialize(manager, dataType, new Shape(n, quarter, height, width));
        mixer.initialize(manager, dataType, in);
    }
}
