package dermaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Binary cross-entropy plus soft Dice, on logits. Cross-entropy alone under-weights small
 * lesions (most pixels are skin); the Dice term scores each image's overlap regardless of lesion
 * size, which is what the Jaccard-based evaluation rewards. Dice is computed per image and
 * averaged, with +1 smoothing so that an image without lesion pixels does not divide by zero.
 */
public final class BceDiceLoss extends Loss {
    private final float diceWeight;

    public BceDiceLoss(float diceWeight) {
        super("BceDiceLoss");
        this.diceWeight = diceWeight;
    }

    /** @param labels targets {@code (N,1,H,W)} in {0,1}; @param predictions logits, same shape */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray y = labels.singletonOrThrow();
        NDArray x = predictions.singletonOrThrow();
        // Stable BCE with logits: max(x,0) - x*y + log(1 + exp(-|x|)).
        NDArray bce = x.maximum(0).sub(x.mul(y)).add(x.abs().neg().exp().add(1).log()).mean();
        NDArray p = x.getNDArrayInternal().sigmoid();
        int[] spatial = {1, 2, 3};
        NDArray intersection = p.mul(y).sum(spatial);
        NDArray total = p.sum(spatial).add(y.sum(spatial));
        NDArray dice = intersection.mul(2).add(1).div(total.add(1));
        return bce.add(dice.mean().neg().add(1).mul(diceWeight));
    }
}
