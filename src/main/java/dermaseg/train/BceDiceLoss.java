package dermaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy plus soft Dice, on logits. Cross-entropy alone under-weights small
 * lesions (most pixels are skin); the Dice term scores each image's overlap regardless of lesion
 * size, which is what the Jaccard-based evaluation rewards. Dice is computed per image and
 * averaged, with +1 smoothing so that an image without lesion pixels does not divide by zero.
 *
 * <p>Optionally the cross-entropy is border-weighted: a pixel within {@code borderRadius} pixels
 * (Chebyshev distance, at the working size) of the target's border weighs
 * {@code 1 + borderWeight}, any other pixel 1, and the weighted sum is divided by the sum of the
 * weights, so the term keeps its scale beside Dice. This is the weight map of Ronneberger et al.,
 * "U-Net" (MICCAI 2015), simplified to a band: their distance-decaying weights separate touching
 * cells, and a dermoscopy image has one lesion. It is the cheap form of a boundary-aware loss; the
 * boundary loss of Kervadec et al. (MIDL 2019) needs a distance map per augmented target, which
 * this trainer does not compute. The band is found on the target itself, as its dilation minus
 * its erosion by a square window (two max pools), so it costs no preprocessing.
 */
public final class BceDiceLoss extends Loss {
    private final float diceWeight;
    private final float borderWeight;
    private final int borderRadius;

    /** Plain BCE + Dice. */
    public BceDiceLoss(float diceWeight) {
        this(diceWeight, 0f, 0);
    }

    /**
     * @param borderWeight extra weight of the band's pixels; 0 for none
     * @param borderRadius half-width of the band in pixels; at least 1 when {@code borderWeight > 0}
     */
    public BceDiceLoss(float diceWeight, float borderWeight, int borderRadius) {
        super("BceDiceLoss");
        if (borderWeight < 0 || (borderWeight > 0 && borderRadius < 1)) {
            throw new IllegalArgumentException("border weight must be at least 0, and its radius at least 1 pixel");
        }
        this.diceWeight = diceWeight;
        this.borderWeight = borderWeight;
        this.borderRadius = borderRadius;
    }

    /**
     * @param labels targets {@code (N,1,H,W)} in {0,1}, optionally followed by their pixel weights
     *     ({@link #withPixelWeights})
     * @param predictions logits, the targets' shape
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDList target = withPixelWeights(labels);
        NDArray y = target.get(0);
        NDArray x = predictions.singletonOrThrow();
        // Stable BCE with logits: max(x,0) - x*y + log(1 + exp(-|x|)).
        NDArray perPixel = x.maximum(0).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log());
        NDArray bce;
        if (target.size() > 1) {
            NDArray weights = target.get(1);
            bce = perPixel.mul(weights).sum().div(weights.sum());
        } else {
            bce = perPixel.mean();
        }
        NDArray p = x.getNDArrayInternal().sigmoid();
        int[] spatial = {1, 2, 3};
        NDArray intersection = p.mul(y).sum(spatial);
        NDArray total = p.sum(spatial).add(y.sum(spatial));
        NDArray dice = intersection.mul(2).add(1).div(total.add(1));
        return bce.add(dice.mean().neg().add(1).mul(diceWeight));
    }

    /**
     * The targets followed by their pixel weights, when border-weighted and not given already; else
     * {@code labels} as they are. A loss that scores several maps against one target
     * ({@link DeepSupervisionLoss}) finds the weights once.
     */
    NDList withPixelWeights(NDList labels) {
        if (borderWeight == 0 || labels.size() > 1) {
            return labels;
        }
        NDArray y = labels.singletonOrThrow();
        return new NDList(y, borderBand(y).mul(borderWeight).add(1));
    }

    /**
     * 1 where a {@code (2r+1)²} window holds both lesion and skin, else 0: the dilation of the
     * target minus its erosion (the erosion of y is 1 minus the dilation of 1 − y). Max pooling pads
     * with −∞, so the image's edge is no border.
     */
    NDArray borderBand(NDArray y) {
        Shape window = new Shape(2L * borderRadius + 1, 2L * borderRadius + 1);
        Shape stride = new Shape(1, 1);
        Shape padding = new Shape(borderRadius, borderRadius);
        NDArray dilated = Pool.maxPool2d(y, window, stride, padding, false);
        NDArray skinDilated = Pool.maxPool2d(y.neg().add(1), window, stride, padding, false);
        return dilated.add(skinDilated).sub(1);
    }
}
