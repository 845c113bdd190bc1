package dermaseg.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The loss of a deeply supervised network ({@link DeepSupervisedFcn}): the per-map loss of its
 * logits plus {@code weight} times the mean of the same loss over the heads' maps. With one map
 * (inference mode, or no heads) it is the per-map loss alone.
 */
final class DeepSupervisionLoss extends Loss {
    private final BceDiceLoss perMap;
    private final float weight;

    DeepSupervisionLoss(BceDiceLoss perMap, float weight) {
        super("DeepSupervisionLoss");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("deep-supervision weight must be positive, was " + weight);
        }
        this.perMap = perMap;
        this.weight = weight;
    }

    /** @param labels the target; @param predictions the logits, then each head's map, all its shape */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDList target = perMap.withPixelWeights(labels);
        NDArray main = perMap.evaluate(target, new NDList(predictions.get(0)));
        int heads = predictions.size() - 1;
        if (heads == 0) {
            return main;
        }
        NDArray auxiliary = perMap.evaluate(target, new NDList(predictions.get(1)));
        for (int i = 2; i <= heads; i++) {
            auxiliary = auxiliary.add(perMap.evaluate(target, new NDList(predictions.get(i))));
        }
        return main.add(auxiliary.mul(weight / heads));
    }
}
