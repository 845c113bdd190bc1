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

    /** A 16×16 target holding the square of rows and columns 4 to 11. */
    private static NDArray square(NDManager m) {
        float[] target = new float[16 * 16];
        for (int r = 4; r <= 11; r++) {
            for (int c = 4; c <= 11; c++) {
                target[r * 16 + c] = 1f;
            }
        }
        return m.create(target, new Shape(1, 1, 16, 16));
    }

    /** Confident logits for the target, with false positives at the given pixels. */
    private static NDArray withFalsePositives(NDManager m, NDArray target, int... pixels) {
        float[] logits = target.toFloatArray();
        for (int i = 0; i < logits.length; i++) {
            logits[i] = logits[i] == 1f ? 6f : -6f;
        }
        for (int p : pixels) {
            logits[p] = 6f;
        }
        return m.create(logits, target.getShape());
    }

    @Test
    void theBorderBandIsTheDilationMinusTheErosion() {
        DjlRuntime.ensureOffline();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = square(m);
            float[] band = new BceDiceLoss(1f, 1f, 1).borderBand(y).toFloatArray();
            int count = 0;
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 16; c++) {
                    boolean inRing = r >= 3 && r <= 12 && c >= 3 && c <= 12 && !(r >= 5 && r <= 10 && c >= 5 && c <= 10);
                    assertEquals(inRing ? 1f : 0f, band[r * 16 + c], "pixel " + r + "," + c);
                    count += inRing ? 1 : 0;
                }
            }
            assertEquals(10 * 10 - 6 * 6, count);
            // A target that is lesion everywhere has no border: the image's edge is none.
            float[] none = new BceDiceLoss(1f, 1f, 2).borderBand(m.ones(new Shape(1, 1, 8, 8))).toFloatArray();
            for (float v : none) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void borderWeightingMakesMistakesNearTheBorderCostMore() {
        DjlRuntime.ensureOffline();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = square(m);
            // Four false positives just outside the lesion (row 3), four far from it (row 0): the
            // same count and confidence, so the same BCE and Dice when no pixel is weighted.
            NDArray nearBorder = withFalsePositives(m, y, 3 * 16 + 5, 3 * 16 + 6, 3 * 16 + 7, 3 * 16 + 8);
            NDArray farFromIt = withFalsePositives(m, y, 0, 1, 2, 3);
            BceDiceLoss plain = new BceDiceLoss(1f);
            float plainNear = plain.evaluate(new NDList(y), new NDList(nearBorder)).getFloat();
            float plainFar = plain.evaluate(new NDList(y), new NDList(farFromIt)).getFloat();
            assertEquals(plainNear, plainFar, 1e-6);

            BceDiceLoss weighted = new BceDiceLoss(1f, 2f, 2);
            float weightedNear = weighted.evaluate(new NDList(y), new NDList(nearBorder)).getFloat();
            float weightedFar = weighted.evaluate(new NDList(y), new NDList(farFromIt)).getFloat();
            assertTrue(weightedNear > weightedFar * 1.5, weightedNear + " against " + weightedFar);
            // The weights are normalised: a perfect prediction still costs almost nothing.
            float perfect = weighted.evaluate(new NDList(y), new NDList(withFalsePositives(m, y))).getFloat();
            assertEquals(0, perfect, 0.01);
        }
    }
}
