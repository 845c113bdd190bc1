package dermaseg.fcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A bias-free convolution, batch norm and an optional nonlinearity: the unit every stage of
 * {@link LesionFcn} is made of.
 *
 * <p>It is a {@link SequentialBlock} of exactly those children so that its parameter file is the
 * one a plain {@code SequentialBlock(Conv2d, BatchNorm, ReLU)} writes: the shipped model was
 * saved from such blocks and must load into this one unchanged.
 *
 * <p>{@link #foldNorm()} folds the norm's inference-time affine map into the convolution, for a
 * loaded model that will only ever predict: with per-channel scale {@code s = γ/√(σ² + ε)}, the
 * folded weight is {@code w·s} and the bias {@code β − μ·s} (the convolution has no bias of its
 * own, so the general {@code (b − μ)·s + β} has {@code b = 0}). One convolution with a bias then
 * does the work of a convolution and a batch norm, and the norm's pass over the activations is
 * gone.
 */
final class ConvNormBlock extends SequentialBlock {
    /** DJL's default, stated so that folding divides by the same {@code √(σ² + ε)} as the norm. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    /**
     * The function after the norm; {@code NONE} for MobileNetV2's linear bottleneck, {@code GELU}
     * for EGE-UNet's units ({@link GroupHadamardBlock}).
     */
    enum Nonlinearity {
        RELU, RELU6, GELU, NONE
    }

    private final Conv2d conv;
    private final BatchNorm norm;
    private final Block activation;
    /** Set once, at load time, before any predictor exists; never while training. */
    private volatile FoldedConv folded;

    private record FoldedConv(NDArray weight, NDArray bias) {
    }

    private ConvNormBlock(Conv2d conv, Nonlinearity nonlinearity) {
        this.conv = conv;
        this.norm = BatchNorm.builder().optEpsilon(BATCH_NORM_EPSILON).build();
        this.activation = switch (nonlinearity) {
            case RELU -> Activation.reluBlock();
            case RELU6 -> Activation.relu6Block();
            case GELU -> Activation.geluBlock();
            case NONE -> null;
        };
        add(conv);
        add(norm);
        if (activation != null) {
            add(activation);
        }
    }

    /** A full k×k convolution to {@code filters} channels, padded to keep the size. */
    static ConvNormBlock full(int filters, int kernel, int dilation, Nonlinearity nonlinearity) {
        return new ConvNormBlock(conv(filters, kernel, dilation, 1), nonlinearity);
    }

    /** A depthwise k×k convolution over {@code channels} channels (one filter per channel). */
    static ConvNormBlock depthwise(int channels, int kernel, int dilation, Nonlinearity nonlinearity) {
        return new ConvNormBlock(conv(channels, kernel, dilation, channels), nonlinearity);
    }

    /** A bias-free, size-keeping convolution; {@code groups == filters} makes it depthwise. */
    static Conv2d conv(int filters, int kernel, int dilation, int groups) {
        int pad = dilation * (kernel - 1) / 2;
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation))
                .optGroups(groups)
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    boolean isFolded() {
        return folded != null;
    }

    /**
     * Folds the batch norm into the convolution (see the class comment). For inference only:
     * the folded block refuses to train, since its folded copy would not follow the updates.
     */
    void foldNorm() {
        NDArray weight = conv.getParameters().get("weight").getArray();
        float[] w = weight.toFloatArray();
        float[] gamma = norm.getParameters().get("gamma").getArray().toFloatArray();
        float[] beta = norm.getParameters().get("beta").getArray().toFloatArray();
        float[] mean = norm.getParameters().get("runningMean").getArray().toFloatArray();
        float[] variance = norm.getParameters().get("runningVar").getArray().toFloatArray();
        int filters = gamma.length;
        int perFilter = w.length / filters;
        float[] bias = new float[filters];
        for (int f = 0; f < filters; f++) {
            double scale = gamma[f] / Math.sqrt(variance[f] + (double) BATCH_NORM_EPSILON);
            for (int i = f * perFilter; i < (f + 1) * perFilter; i++) {
                w[i] = (float) (w[i] * scale);
            }
            bias[f] = (float) (beta[f] - mean[f] * scale);
        }
        NDManager manager = weight.getManager();
        folded = new FoldedConv(manager.create(w, weight.getShape()), manager.create(bias));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        FoldedConv f = folded;
        if (f == null) {
            return super.forwardInternal(store, inputs, training, params);
        }
        if (training) {
            throw new IllegalStateException("a block with its batch norm folded is for inference only");
        }
        NDList y = Conv2d.conv2d(inputs.singletonOrThrow(), f.weight(), f.bias(), conv.getStride(),
                conv.getPadding(), conv.getDilation(), conv.getGroups());
        return activation == null ? y : activation.forward(store, y, false, params);
    }
}
