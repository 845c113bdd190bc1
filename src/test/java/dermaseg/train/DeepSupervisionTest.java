package dermaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import dermaseg.fcn.BlockKind;
import dermaseg.fcn.DjlRuntime;
import dermaseg.fcn.FcnConfig;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.LesionFcn;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeepSupervisionTest {
    @Test
    void trainingGivesAFullSizeMapPerDecoderStageButTheLastAndInferenceTheLogitsAlone() {
        DjlRuntime.ensureOffline();
        FcnConfig config = FcnConfig.builder().workingSize(32).blockKind(BlockKind.SEPARABLE)
                .widths(List.of(4, 8, 16, 32)).build();
        try (Model model = Model.newInstance("ds", Device.cpu(), FcnModel.ENGINE)) {
            LesionFcn network = LesionFcn.of(config);
            DeepSupervisedFcn supervised = new DeepSupervisedFcn(network);
            model.setBlock(supervised);
            NDManager m = model.getNDManager();
            Shape input = new Shape(2, 3, 32, 32);
            supervised.initialize(m, DataType.FLOAT32, input);
            NDArray x = m.randomNormal(input);
            ParameterStore store = new ParameterStore(m, false);

            NDList training = supervised.forward(store, new NDList(x), true);
            assertEquals(1 + 2, training.size(), "depth 4: heads on decoder stages at 1/4 and 1/2 size");
            for (NDArray map : training) {
                assertEquals(new Shape(2, 1, 32, 32), map.getShape());
            }
            NDList inference = supervised.forward(store, new NDList(x), false);
            assertEquals(1, inference.size());
            NDArray alone = network.forward(store, new NDList(x), false).singletonOrThrow();
            assertArrayEquals(alone.toFloatArray(), inference.singletonOrThrow().toFloatArray(), 0f);
        }
    }

    /** What makes a run with heads comparable to one without: the network starts from the same weights. */
    @Test
    void theHeadsLeaveTheNetworksInitialWeightsAsTheyWere() throws IOException {
        DjlRuntime.ensureOffline();
        assertArrayEquals(initialWeights(false), initialWeights(true));
    }

    private static byte[] initialWeights(boolean withHeads) throws IOException {
        FcnConfig config = FcnConfig.builder().workingSize(32).baseChannels(4).depth(4).build();
        Engine.getInstance().setRandomSeed(11);
        try (Model model = Model.newInstance("init", Device.cpu(), FcnModel.ENGINE)) {
            LesionFcn network = LesionFcn.of(config);
            model.setBlock(withHeads ? new DeepSupervisedFcn(network) : network);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new BceDiceLoss(1f)))) {
                trainer.initialize(new Shape(2, 3, 32, 32));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    network.saveParameters(out);
                }
                return bytes.toByteArray();
            }
        }
    }

    @Test
    void theLossAddsTheHeadsMeanWeighted() {
        DjlRuntime.ensureOffline();
        BceDiceLoss perMap = new BceDiceLoss(1f);
        DeepSupervisionLoss loss = new DeepSupervisionLoss(perMap, 0.5f);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(1, 1, 8, 8);
            NDList y = new NDList(m.randomUniform(0, 1, shape).gt(0.5).toType(DataType.FLOAT32, false));
            NDArray main = m.randomNormal(shape);
            NDArray headA = m.randomNormal(shape);
            NDArray headB = m.randomNormal(shape);
            float expected = perMap.evaluate(y, new NDList(main)).getFloat()
                    + 0.5f * (perMap.evaluate(y, new NDList(headA)).getFloat()
                            + perMap.evaluate(y, new NDList(headB)).getFloat()) / 2;
            assertEquals(expected, loss.evaluate(y, new NDList(main, headA, headB)).getFloat(), 1e-5);
            assertEquals(perMap.evaluate(y, new NDList(main)).getFloat(),
                    loss.evaluate(y, new NDList(main)).getFloat(), 0f, "inference mode: the logits alone");
        }
        assertThrows(IllegalArgumentException.class, () -> new DeepSupervisionLoss(perMap, 0f));
    }
}
