package dermaseg.fcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dermaseg.image.FloatMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FcnModelTest {
    private static final FcnConfig TINY = FcnConfig.builder().workingSize(32).baseChannels(4).depth(3).build();

    @TempDir
    static Path dir;
    static Path modelFolder;

    @BeforeAll
    static void saveRandomModel() throws IOException {
        DjlRuntime.ensureOffline();
        modelFolder = dir.resolve("tiny");
        Files.createDirectories(modelFolder);
        try (Model model = Model.newInstance("lesion-fcn", Device.cpu(), FcnModel.ENGINE);
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            LesionFcn block = LesionFcn.of(TINY);
            model.setBlock(block);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            model.save(modelFolder, "lesion-fcn");
        }
        ModelCard card = new ModelCard();
        card.version = "test-tiny";
        card.parametersFile = "lesion-fcn-0000.params";
        card.architecture = ModelCard.Architecture.of(TINY, 0);
        card.write(modelFolder.resolve(ModelCard.FILE_NAME));
    }

    private static FcnInput randomInput(long seed) {
        Random r = new Random(seed);
        float[] chw = new float[3 * 32 * 32];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (float) r.nextGaussian();
        }
        return new FcnInput(chw, 32, 32, 32);
    }

    @Test
    void savedAndReloadedModelsGiveIdenticalMaps() throws Exception {
        List<FcnInput> batch = List.of(randomInput(1), randomInput(2), randomInput(3));
        List<FloatMap> first;
        try (FcnModel a = FcnModel.load(ModelLocation.folder(modelFolder), Device.cpu())) {
            first = a.predict(batch);
        }
        try (FcnModel b = FcnModel.load(ModelLocation.folder(modelFolder), Device.cpu())) {
            List<FloatMap> second = b.predict(batch);
            for (int i = 0; i < batch.size(); i++) {
                assertArrayEquals(first.get(i).data(), second.get(i).data(), 0f);
            }
        }
        float[] p = first.get(0).data();
        assertEquals(32 * 32, p.length);
        for (float v : p) {
            assertTrue(v >= 0 && v <= 1, "sigmoid output out of range: " + v);
        }
    }

    @Test
    void batchedAndSinglePredictionsAgree() throws Exception {
        try (FcnModel model = FcnModel.load(ModelLocation.folder(modelFolder), Device.cpu())) {
            List<FloatMap> batched = model.predict(List.of(randomInput(7), randomInput(8)));
            FloatMap single = model.predict(List.of(randomInput(8))).get(0);
            assertArrayEquals(single.data(), batched.get(1).data(), 1e-5f);
        }
    }

    @Test
    void cacheLoadsOncePerJvmUnderConcurrentFirstUse() throws Exception {
        ModelLocation location = ModelLocation.folder(modelFolder);
        int before = FcnModelCache.loadCount();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<FcnModel>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> FcnModelCache.get(location, Device.cpu()));
            }
            List<Future<FcnModel>> results = pool.invokeAll(calls);
            FcnModel first = results.get(0).get();
            for (Future<FcnModel> f : results) {
                assertSame(first, f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before + 1, FcnModelCache.loadCount());
    }

    @Test
    void missingCardIsAClearError() {
        IOException e = assertThrows(IOException.class,
                () -> FcnModel.load(ModelLocation.folder(dir.resolve("nowhere")), Device.cpu()));
        assertTrue(e.getMessage().contains("model-card.json"), e.getMessage());
    }

    @Test
    void everyBundledModelFoldsItsNormsWithoutChangingItsMaps() throws Exception {
        for (String name : ModelLocation.BUNDLED_MODELS) {
            ModelLocation location = ModelLocation.of("bundled:" + name);
            int size = location.readCard().architecture.workingSize;
            Random r = new Random(11);
            float[] chw = new float[3 * size * size];
            for (int i = 0; i < chw.length; i++) {
                chw[i] = (float) r.nextGaussian();
            }
            List<FcnInput> batch = List.of(new FcnInput(chw, size, size, size));
            float[] plain;
            String before = System.setProperty(FcnModel.FOLD_PROPERTY, "false");
            try (FcnModel unfolded = FcnModel.load(location, Device.cpu())) {
                plain = unfolded.predict(batch).get(0).data();
            } finally {
                if (before == null) {
                    System.clearProperty(FcnModel.FOLD_PROPERTY);
                } else {
                    System.setProperty(FcnModel.FOLD_PROPERTY, before);
                }
            }
            try (FcnModel folded = FcnModel.load(location, Device.cpu())) {
                assertArrayEquals(plain, folded.predict(batch).get(0).data(), 1e-4f, name);
                assertEquals(FcnCost.of(folded.card().architecture.toConfig()).multiplyAccumulates(),
                        folded.card().architecture.flops.multiplyAccumulates, name);
            }
        }
    }

    @Test
    void aCardThatPredatesTheCountGetsItAtLoad() throws Exception {
        // unet-160's card was written before FcnCost existed.
        try (FcnModel old = FcnModel.load(ModelLocation.of("bundled:unet-160"), Device.cpu())) {
            assertEquals(1_486_028_800L, old.card().architecture.flops.multiplyAccumulates);
        }
    }
}
