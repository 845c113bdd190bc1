package dermaseg.fcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dermaseg.image.FloatMap;

/**
 * DJL translator between prepared inputs and lesion-probability maps at the working size. Inputs
 * are stacked into one batch tensor, so {@code Predictor.batchPredict} runs one forward pass per
 * batch. Preprocessing happens before, in {@link FcnPreprocessor}, so that the decoded image can
 * be released before inference and batches hold only compact float arrays.
 */
final class FcnTranslator implements Translator<FcnInput, FloatMap> {
    @Override
    public NDList processInput(TranslatorContext ctx, FcnInput input) {
        int s = input.workingSize();
        return new NDList(ctx.getNDManager().create(input.chw(), new Shape(3, s, s)));
    }

    @Override
    public FloatMap processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.singletonOrThrow();
        Shape shape = logits.getShape();
        int h = (int) shape.get(shape.dimension() - 2);
        int w = (int) shape.get(shape.dimension() - 1);
        float[] probabilities = logits.getNDArrayInternal().sigmoid().toFloatArray();
        return new FloatMap(w, h, probabilities);
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
