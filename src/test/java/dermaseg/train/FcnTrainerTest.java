package dermaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dermaseg.dataset.FolderPairSource;
import dermaseg.fcn.FcnConfig;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.LesionFcn;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny but real training run: what it leaves behind must be exactly what the card says. */
class FcnTrainerTest {
    @TempDir
    Path out;

    @Test
    void savesTheBestEpochAloneAndTheCardNamesIt() throws Exception {
        TrainConfig config = TrainConfig.builder()
                .fcn(FcnConfig.builder().workingSize(32).baseChannels(4).depth(3).build())
                .epochs(3).batchSize(4).patience(10).learningRate(5e-3).build();
        FolderPairSource samples = FolderPairSource.scan(Samples.ROOT);
        List<String> log = new ArrayList<>();
        FcnTrainer.Result result = new FcnTrainer(config, log::add).train(samples, samples, out);
        // 8 pairs in batches of 4: two steps an epoch; the first is reported (50%), the epoch's own line follows.
        for (int epoch = 1; epoch <= 3; epoch++) {
            String label = String.format("epoch %3d/3", epoch);
            List<String> steps = log.stream().filter(l -> l.startsWith(label + ": ")).toList();
            assertEquals(1, steps.size(), log.toString());
            assertTrue(steps.get(0).matches(Pattern.quote(label) + ": 1/2 steps \\(50%\\), [0-9.]+ steps/s, ETA \\w+"),
                    steps.get(0));
            int epochLine = log.indexOf(log.stream().filter(l -> l.startsWith(label + "  loss ")).findFirst()
                    .orElseThrow());
            assertTrue(log.indexOf(steps.get(0)) < epochLine, log.toString());
        }

        ModelCard card = ModelCard.read(out.resolve(ModelCard.FILE_NAME));
        assertEquals(3, card.training.history.size());
        int best = card.training.bestEpoch;
        double bestJaccard = card.training.history.get(best - 1).validationJaccard;
        for (ModelCard.Epoch e : card.training.history) {
            assertTrue(e.validationJaccard <= bestJaccard, "epoch " + e.epoch + " beat the 'best' one");
        }
        assertEquals(bestJaccard, card.validation.get("jaccard"));
        assertEquals(String.format("lesion-fcn-%04d.params", best), card.parametersFile);
        List<String> params;
        try (Stream<Path> s = Files.list(out)) {
            params = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".params")).toList();
        }
        assertEquals(List.of(card.parametersFile), params, "only the best epoch's parameters remain");
        assertEquals(8, card.training.trainPairs);
        assertEquals(64, card.training.trainIdsSha256.length());
        try (FcnModel model = FcnModel.load(ModelLocation.folder(result.modelFolder()), Device.cpu())) {
            assertEquals(32, model.workingSize());
        }
    }

    @Test
    void trainingOnlyHeadsStayOutOfTheSavedModel() throws Exception {
        FcnConfig fcn = FcnConfig.builder().workingSize(32).baseChannels(4).depth(4).build();
        TrainConfig config = TrainConfig.builder().fcn(fcn).epochs(1).batchSize(4).learningRate(5e-3)
                .deepSupervisionWeight(0.5).borderWeight(2).borderRadius(2).build();
        FolderPairSource samples = FolderPairSource.scan(Samples.ROOT);
        FcnTrainer.Result result = new FcnTrainer(config, line -> { }).train(samples, samples, out);

        ModelCard card = ModelCard.read(out.resolve(ModelCard.FILE_NAME));
        assertEquals(0.5, card.training.deepSupervisionWeight);
        assertEquals(2.0, card.training.borderWeight);
        assertEquals(2, card.training.borderRadius);
        long networkAlone;
        try (Model bare = Model.newInstance("bare", Device.cpu(), FcnModel.ENGINE)) {
            LesionFcn network = LesionFcn.of(fcn);
            bare.setBlock(network);
            network.initialize(bare.getNDManager(), DataType.FLOAT32,
                    new Shape(1, 3, 32, 32));
            networkAlone = network.getParameters().values().stream()
                    .mapToLong(p -> p.getArray().getShape().size()).sum();
        }
        assertEquals(networkAlone, card.architecture.parameterCount, "the card counts the network, not its heads");
        // The file holds the network alone: inference, which builds no heads, loads it.
        try (FcnModel model = FcnModel.load(ModelLocation.folder(result.modelFolder()), Device.cpu())) {
            assertEquals(32, model.workingSize());
        }
    }

    @Test
    void recordsTheCommitOfTheProjectRootNotOfTheWorkingFolder(@TempDir Path repo) throws Exception {
        assertEquals("unknown", FcnTrainer.gitCommit(null));
        assertEquals("unknown", FcnTrainer.gitCommit(repo.toString()), "not a checkout yet");
        assumeTrue(run(repo, "git", "init", "-q") == 0, "no git on this machine");
        Files.writeString(repo.resolve("a.txt"), "a");
        assertEquals(0, run(repo, "git", "add", "a.txt"));
        assertEquals(0, run(repo, "git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                "commit", "-q", "-m", "a"));
        String clean = FcnTrainer.gitCommit(repo.toString());
        assertTrue(clean.matches("[0-9a-f]{12}"), clean);
        Files.writeString(repo.resolve("b.txt"), "b");
        assertEquals(clean + "-dirty", FcnTrainer.gitCommit(repo.toString()));
    }

    private static int run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor();
    }
}
