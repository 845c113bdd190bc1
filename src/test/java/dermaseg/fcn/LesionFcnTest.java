package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dermaseg.train.BceDiceLoss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every block kind builds, keeps the output contract, trains, and round-trips through the card. */
class LesionFcnTest {
    /** Every kind, with and without attention and Hadamard stages, small enough for a unit test. */
    static List<FcnConfig> smallOfEveryKind() {
        FcnConfig.Builder small = FcnConfig.builder().workingSize(32).widths(List.of(4, 8, 12));
        FcnConfig.Builder hadamard = FcnConfig.builder().workingSize(32).widths(List.of(4, 8, 12));
        return List.of(
                hadamard.blockKind(BlockKind.SEPARABLE).hadamardStages(2).build(),
                hadamard.blockKind(BlockKind.INVERTED_RESIDUAL).hadamardStages(1).attention(true).build(),
                FcnConfig.builder().workingSize(32).baseChannels(4).depth(3).build(),
                small.blockKind(BlockKind.DOUBLE_CONV).attention(true).build(),
                small.blockKind(BlockKind.SEPARABLE).attention(false).build(),
                small.blockKind(BlockKind.SEPARABLE).attention(true).build(),
                small.blockKind(BlockKind.INVERTED_RESIDUAL).expansion(2).attention(false).build(),
                small.blockKind(BlockKind.INVERTED_RESIDUAL).expansion(3).attention(true).build());
    }

    @BeforeAll
    static void offline() {
        DjlRuntime.ensureOffline();
    }

    @Test
    void everyKindGivesOneLogitPerPixel() {
        for (FcnConfig config : smallOfEveryKind()) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                LesionFcn network = LesionFcn.of(config);
                network.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
                NDArray x = manager.randomNormal(new Shape(2, 3, 32, 32));
                NDArray y = network.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();
                assertEquals(new Shape(2, 1, 32, 32), y.getShape(), config.toString());
                assertEquals(new Shape(2, 1, 32, 32), network.getOutputShapes(new Shape[] {x.getShape()})[0]);
            }
        }
    }

    @Test
    void everyKindTrainsAStep() {
        for (FcnConfig config : smallOfEveryKind()) {
            try (Model model = Model.newInstance("lesion-fcn", Device.cpu(), FcnModel.ENGINE)) {
                model.setBlock(LesionFcn.of(config));
                DefaultTrainingConfig training = new DefaultTrainingConfig(new BceDiceLoss(1f))
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build());
                try (Trainer trainer = model.newTrainer(training)) {
                    trainer.initialize(new Shape(2, 3, 32, 32));
                    NDManager m = trainer.getManager();
                    NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
                    NDArray target = m.randomUniform(0, 1, new Shape(2, 1, 32, 32)).gt(0.5).toType(DataType.FLOAT32,
                            false);
                    float first = 0;
                    float last = 0;
                    for (int step = 0; step < 5; step++) {
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(target), new NDList(logits));
                            collector.backward(loss);
                            last = loss.getFloat();
                            first = step == 0 ? last : first;
                        }
                        trainer.step();
                    }
                    assertTrue(last < first, config + ": loss " + first + " -> " + last);
                }
            }
        }
    }

    @Test
    void cardsRebuildTheirArchitecture() {
        for (FcnConfig config : smallOfEveryKind()) {
            ModelCard card = new ModelCard();
            card.architecture = ModelCard.Architecture.of(config, 0);
            ModelCard read = ModelCard.read(new StringReader(card.toJson()));
            assertEquals(config, read.architecture.toConfig());
        }
    }

    @Test
    void aCardFromBeforeTheBlockKindsIsTheShippedUNet() {
        String old = """
                {"architecture": {"workingSize": 160, "baseChannels": 16, "depth": 5,
                 "dilatedBottleneck": true, "parameterCount": 1425537}}""";
        FcnConfig config = ModelCard.read(new StringReader(old)).architecture.toConfig();
        assertEquals(FcnConfig.builder().build(), config);
        assertEquals(BlockKind.DOUBLE_CONV, config.blockKind());
        assertEquals(List.of(16, 32, 64, 128, 128), List.of(config.channels(0), config.channels(1),
                config.channels(2), config.channels(3), config.channels(4)));
    }

    @Test
    void configRejectsWhatCannotBeBuilt() {
        assertEquals(4, FcnConfig.builder().widths(List.of(8, 16, 24, 32)).build().depth());
        assertThrows(IllegalArgumentException.class,
                () -> FcnConfig.builder().depth(5).widths(List.of(8, 16, 24)).build());
        assertThrows(IllegalArgumentException.class, () -> FcnConfig.builder().widths(List.of(8, 2, 16)).build());
        assertThrows(IllegalArgumentException.class, () -> FcnConfig.builder().expansion(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> FcnConfig.builder().widths(List.of(8, 16, 24, 32, 48, 64)).workingSize(48).build());
        assertEquals(BlockKind.INVERTED_RESIDUAL, BlockKind.fromCardName("inverted-residual"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockKind.fromCardName("mlp"));
        assertTrue(e.getMessage().contains("double-conv, separable, inverted-residual"), e.getMessage());
        FcnConfig.Builder light = FcnConfig.builder().blockKind(BlockKind.SEPARABLE)
                .widths(List.of(8, 16, 32, 64, 128));
        assertEquals(2, light.hadamardStages(2).build().hadamardStages());
        assertTrue(light.build().isHadamardStage(3) && !light.build().isHadamardStage(2));
        assertThrows(IllegalArgumentException.class, () -> light.hadamardStages(5).build(), "stage 0 stays full");
        assertThrows(IllegalArgumentException.class, () -> light.hadamardStages(-1).build());
        assertThrows(IllegalArgumentException.class,
                () -> FcnConfig.builder().hadamardStages(1).build(), "double-conv joins by concatenation");
        IllegalArgumentException groups = assertThrows(IllegalArgumentException.class, () -> FcnConfig.builder()
                .blockKind(BlockKind.SEPARABLE).widths(List.of(8, 16, 30, 64)).hadamardStages(2).build());
        assertTrue(groups.getMessage().contains("stage 2 has 16 in and 30 out"), groups.getMessage());
    }

    @Test
    void hadamardWeightMapsStartAsOnesLearnAndSurviveSavingAndLoading() throws Exception {
        FcnConfig config = FcnConfig.builder().workingSize(32).widths(List.of(4, 8, 12))
                .blockKind(BlockKind.SEPARABLE).hadamardStages(2).build();
        try (Model model = Model.newInstance("lesion-fcn", Device.cpu(), FcnModel.ENGINE)) {
            LesionFcn network = LesionFcn.of(config);
            model.setBlock(network);
            DefaultTrainingConfig training = new DefaultTrainingConfig(new BceDiceLoss(1f))
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build());
            try (Trainer trainer = model.newTrainer(training)) {
                trainer.initialize(new Shape(2, 3, 32, 32));
                List<NDArray> grids = weightGrids(network);
                // Two units in each of encoder stages 1 and 2, one in decoder stage 1; three grids each.
                assertEquals(3 * 5, grids.size());
                for (NDArray grid : grids) {
                    assertEquals(1f, grid.min().getFloat(), "the trainer's initialiser must leave the ones");
                    assertEquals(1f, grid.max().getFloat());
                }
                NDManager m = trainer.getManager();
                NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
                NDArray target = m.randomUniform(0, 1, new Shape(2, 1, 32, 32)).gt(0.5)
                        .toType(DataType.FLOAT32, false);
                for (int step = 0; step < 3; step++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                        collector.backward(trainer.getLoss().evaluate(new NDList(target), new NDList(logits)));
                    }
                    trainer.step();
                }
                for (NDArray grid : weightGrids(network)) {
                    assertTrue(grid.sub(1f).abs().max().getFloat() > 1e-4f, "every grid learns");
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                network.saveParameters(new DataOutputStream(bytes));
                ParameterStore store = new ParameterStore(m, false);
                float[] trained = network.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                LesionFcn reloaded = LesionFcn.of(config);
                reloaded.initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32));
                reloaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                float[] again = reloaded.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                assertArrayEquals(trained, again, 1e-6f);
            }
        }
    }

    private static List<NDArray> weightGrids(Block block) {
        List<NDArray> grids = new ArrayList<>();
        if (block instanceof GroupHadamardBlock) {
            for (var p : block.getDirectParameters()) {
                grids.add(p.getValue().getArray());
            }
        }
        for (Block child : block.getChildren().values()) {
            grids.addAll(weightGrids(child));
        }
        return grids;
    }

    @Test
    void foldingTheBatchNormsKeepsTheOutputOfEveryKind() {
        for (FcnConfig config : smallOfEveryKind()) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                LesionFcn network = LesionFcn.of(config);
                network.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
                randomiseNorms(network, manager);
                NDArray x = manager.randomNormal(new Shape(2, 3, 32, 32));
                ParameterStore store = new ParameterStore(manager, false);
                float[] plain = network.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                int folded = network.foldBatchNorms();
                int mapsFolded = network.foldWeightMaps();
                float[] fused = network.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
                assertTrue(folded > 0);
                // Two units per Hadamard encoder stage, one per Hadamard decoder stage.
                int hadamard = config.hadamardStages();
                assertEquals(hadamard == 0 ? 0 : 2 * hadamard + hadamard - 1, mapsFolded, config.toString());
                float worst = 0;
                for (int i = 0; i < plain.length; i++) {
                    worst = Math.max(worst, Math.abs(plain[i] - fused[i]));
                }
                assertTrue(worst < 1e-4f, config + ": folded logits differ by " + worst);
                assertThrows(IllegalStateException.class,
                        () -> network.forward(store, new NDList(x), true), "a folded network must not train");
            }
        }
    }

    /** Norms straight from initialisation are the identity (γ 1, β 0, μ 0, σ² 1): folding them proves nothing. */
    private static void randomiseNorms(Block block, NDManager manager) {
        if (block instanceof BatchNorm norm) {
            for (var p : norm.getParameters()) {
                NDArray array = p.getValue().getArray();
                NDArray random = p.getKey().equals("runningVar")
                        ? manager.randomUniform(0.2f, 3f, array.getShape())
                        : manager.randomNormal(0, 0.7f, array.getShape(), DataType.FLOAT32);
                array.set(random.toFloatArray());
            }
        }
        for (Block child : block.getChildren().values()) {
            randomiseNorms(child, manager);
        }
    }
}
