package dermaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dermaseg.fcn.DjlRuntime;
import org.junit.jupiter.api.Test;

class BceDiceLossTest {
    @Test
    void perfectPredictionScoresNearZeroAndInvertedScoresHigh() {
        DjlRuntime.ensureOffline();
        BceDiceLoss loss = new BceDiceLoss(1f);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] target = new float[2 * 16];
            for (int i = 0; i < target.length; i++) {
                target[i] = (i % 3 == 0) ? 1f : 0f;
            }
            float[] good = new float[target.length];
            float[] bad = new float[target.length];
            for (int i = 0; i < target.length; i++) {
                good[i] = target[i] == 1f ? 12f : -12f;
                bad[i] = -good[i];
            }
            Shape shape = new Shape(2, 1, 4, 4);
            NDArray y = m.create(target, shape);
            float perfect = loss.evaluate(new NDList(y), new NDList(m.create(good, shape))).getFloat();
            float inverted = loss.evaluate(new NDList(y), new NDList(m.create(bad, shape))).getFloat();
            assertEquals(0, perfect, 0.05);
            // BCE of a confident mistake is ~12 per pixel; Dice adds ~1.
            assertTrue(inverted > 10, "inverted prediction loss " + inverted);
            // Uninformative logits: BCE = ln 2, Dice term between 0 and 1.
            float flat = loss.evaluate(new NDList(y), new NDList(m.zeros(shape))).getFloat();
            assertTrue(flat > Math.log(2) && flat < Math.log(2) + 1, "flat prediction loss " + flat);
        }
    }
}
