package dermaseg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.dataset.FolderPairSource;
import dermaseg.fcn.BlockKind;
import dermaseg.fcn.FcnConfig;
import dermaseg.fcn.ModelCard;
import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A training run broken after its first epoch and resumed ends exactly where the same run
 * unbroken does; a checkpoint of other settings or data is refused. Tiny runs on synthetic pairs
 * (a few seconds in all).
 */
class TrainingResumeTest {
    private static final int EPOCHS = 3;

    @TempDir
    static Path data;

    @BeforeAll
    static void writeSyntheticPairs() throws IOException {
        OpenCv.load();
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("masks"));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 4; i++) {
            int width = 48 + 8 * i;
            int height = 40;
            Point centre = new Point(12 + random.nextInt(width - 24), 12 + random.nextInt(height - 24));
            Size axes = new Size(5 + random.nextInt(6), 5 + random.nextInt(6));
            double angle = random.nextInt(180);
            try (MatHandle image = MatHandle.allocate(height, width, CvType.CV_8UC3);
                    MatHandle mask = MatHandle.allocate(height, width, CvType.CV_8UC1)) {
                image.mat().setTo(new Scalar(150 + i * 10, 170, 200));
                Imgproc.ellipse(image.mat(), centre, axes, angle, 0, 360, new Scalar(60, 50, 90 + i * 20), -1);
                mask.mat().setTo(new Scalar(0));
                Imgproc.ellipse(mask.mat(), centre, axes, angle, 0, 360, new Scalar(255), -1);
                Files.write(data.resolve("images/pair" + i + ".png"), ImageOps.encodePng(image.mat()));
                Files.write(data.resolve("masks/pair" + i + ".png"), ImageOps.encodePng(mask.mat()));
            }
        }
    }

    private static TrainConfig.Builder tiny() {
        return TrainConfig.builder()
                .fcn(FcnConfig.builder().workingSize(32).baseChannels(4).depth(3).build())
                .epochs(EPOCHS).batchSize(3).patience(10).learningRate(5e-3);
    }

    /** Stands for a kill: the run dies right after its first epoch's checkpoint and line. */
    private static final class KilledAfterFirstEpoch extends RuntimeException {
    }

    private static void killAfterFirstEpoch(String line) {
        if (line.startsWith("epoch   1/" + EPOCHS + "  loss")) {
            throw new KilledAfterFirstEpoch();
        }
    }

    /** The shipped model's kind of network, tiny: separable stages, the last two Hadamard ones. */
    private static final FcnConfig SHIPPED_KIND = FcnConfig.builder().workingSize(32).blockKind(BlockKind.SEPARABLE)
            .widths(List.of(4, 8, 16)).hadamardStages(2).build();

    /**
     * Also with the shipped kind of network and the training-only parts, whose state the
     * checkpoint must carry too: the deep-supervision heads' weights and moments, and the
     * border-weighted loss.
     */
    @ParameterizedTest(name = "shipped kind, deep supervision and border weighting: {0}")
    @ValueSource(booleans = {false, true})
    void aRunKilledAfterItsFirstEpochResumesToTheUnbrokenRunsResult(boolean trainingOnlyParts,
            @TempDir Path unbroken, @TempDir Path broken) throws IOException {
        FolderPairSource pairs = FolderPairSource.scan(data);
        TrainConfig config = trainingOnlyParts
                ? tiny().fcn(SHIPPED_KIND).deepSupervisionWeight(0.5).borderWeight(2).borderRadius(1).build()
                : tiny().build();
        ModelCard whole = new FcnTrainer(config, line -> { }).train(pairs, pairs, unbroken).card();

        assertThrows(KilledAfterFirstEpoch.class,
                () -> new FcnTrainer(config, TrainingResumeTest::killAfterFirstEpoch).train(pairs, pairs, broken));
        assertFalse(Files.exists(broken.resolve(ModelCard.FILE_NAME)), "the killed run wrote no card");
        TrainingCheckpoint afterFirstEpoch = TrainingCheckpoint.read(broken);
        assertEquals(1, afterFirstEpoch.epochsRun);
        // A kill while the next checkpoint was being written leaves its temporary file behind.
        Files.write(broken.resolve(TrainingCheckpoint.FILE_NAME + ".tmp"), new byte[] {1, 2, 3});

        List<String> log = new ArrayList<>();
        ModelCard resumed = new FcnTrainer(config, log::add).resume(pairs, pairs, broken).card();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("resuming after epoch 1/" + EPOCHS)), log.toString());

        TrainingCheckpoint a = TrainingCheckpoint.read(unbroken);
        TrainingCheckpoint b = TrainingCheckpoint.read(broken);
        assertEquals(EPOCHS, b.epochsRun);
        assertArrayEquals(a.parameters(), b.parameters(), "the final parameters, bit for bit");
        assertArrayEquals(a.optimizer(), b.optimizer(), "Adam's moments and step counts, bit for bit");
        assertFalse(Arrays.equals(afterFirstEpoch.parameters(), b.parameters()), "the resumed run trained on");
        assertEquals(whole.training.history.size(), resumed.training.history.size());
        for (int i = 0; i < EPOCHS; i++) {
            ModelCard.Epoch x = whole.training.history.get(i);
            ModelCard.Epoch y = resumed.training.history.get(i);
            assertEquals(x.epoch, y.epoch);
            assertEquals(x.loss, y.loss, 0.0, "loss of epoch " + x.epoch);
            assertEquals(x.validationJaccard, y.validationJaccard, 0.0, "validation Jaccard of epoch " + x.epoch);
            assertEquals(x.learningRate, y.learningRate, 0.0, "learning rate of epoch " + x.epoch);
        }
        assertEquals(whole.training.bestEpoch, resumed.training.bestEpoch);
        assertEquals(whole.training.stopReason, resumed.training.stopReason);
        assertEquals(whole.parametersFile, resumed.parametersFile);
        assertArrayEquals(Files.readAllBytes(unbroken.resolve(whole.parametersFile)),
                Files.readAllBytes(broken.resolve(resumed.parametersFile)), "the best epoch's saved parameters");
        assertEquals(parameterFiles(unbroken), parameterFiles(broken));
    }

    /**
     * A learning rate of 1e30 throws every weight out of range in Adam's first step, so the loss
     * of the next step is NaN. With one step an epoch (a batch of all four pairs) that step is the
     * first of epoch 2, after epoch 1's checkpoint.
     */
    @Test
    void aRunWhoseLossStopsBeingFiniteKeepsItsBestEpochAndStaysStoppedOnResume(@TempDir Path folder)
            throws IOException {
        FolderPairSource pairs = FolderPairSource.scan(data);
        TrainConfig config = tiny().batchSize(4).learningRate(1e30).build();
        List<String> log = new ArrayList<>();
        ModelCard card = new FcnTrainer(config, log::add).train(pairs, pairs, folder).card();

        assertTrue(card.training.stopReason.startsWith("diverged: the loss was NaN at step 1/1 of epoch 2;"),
                card.training.stopReason);
        assertEquals(1, card.training.bestEpoch);
        assertEquals(1, card.training.history.size(), "the diverged epoch is not in the history");
        assertTrue(Files.isRegularFile(folder.resolve(card.parametersFile)), card.parametersFile);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("epoch   2/" + EPOCHS + "  diverged:")), log.toString());
        TrainingCheckpoint checkpoint = TrainingCheckpoint.read(folder);
        assertEquals(1, checkpoint.epochsRun);
        assertEquals(card.training.stopReason, checkpoint.divergence);

        List<String> resumeLog = new ArrayList<>();
        ModelCard resumed = new FcnTrainer(config, resumeLog::add).resume(pairs, pairs, folder).card();
        assertEquals(card.training.stopReason, resumed.training.stopReason);
        assertEquals(1, resumed.training.history.size());
        assertFalse(resumeLog.stream().anyMatch(l -> l.startsWith("epoch ")), "no epoch trained again: " + resumeLog);
    }

    @Test
    void aRunWhoseFirstEpochDivergesFailsSayingSoAndLeavesNoCheckpoint(@TempDir Path folder) throws IOException {
        FolderPairSource pairs = FolderPairSource.scan(data);
        // Two steps an epoch: the second one's loss is NaN.
        TrainConfig config = tiny().learningRate(1e30).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FcnTrainer(config, line -> { }).train(pairs, pairs, folder));
        assertEquals("diverged: the loss was NaN at step 2/2 of epoch 1, before any epoch finished: there is no"
                + " model to keep; a lower learning rate may train", e.getMessage());
        assertFalse(Files.exists(TrainingCheckpoint.fileIn(folder)), "nothing to resume, so the folder trains anew");
        assertFalse(Files.exists(folder.resolve(ModelCard.FILE_NAME)));
    }

    @Test
    void refusesACheckpointOfOtherSettingsOrDataAndADamagedOne(@TempDir Path folder) throws IOException {
        FolderPairSource pairs = FolderPairSource.scan(data);
        // A time budget too small for a second epoch: the run stops after one, checkpoint kept.
        ModelCard first = new FcnTrainer(tiny().maxMinutes(1e-9).build(), line -> { })
                .train(pairs, pairs, folder).card();
        assertEquals(1, first.training.epochsRun);
        assertTrue(first.training.stopReason.startsWith("time budget"), first.training.stopReason);

        IllegalArgumentException fresh = assertThrows(IllegalArgumentException.class,
                () -> new FcnTrainer(tiny().build(), line -> { }).train(pairs, pairs, folder));
        assertTrue(fresh.getMessage().contains("holds the checkpoint of a training run"), fresh.getMessage());

        IllegalArgumentException settings = assertThrows(IllegalArgumentException.class,
                () -> new FcnTrainer(tiny().learningRate(1e-3).build(), line -> { }).resume(pairs, pairs, folder));
        assertTrue(settings.getMessage().contains("other settings or data (learningRate: 0.005 in the checkpoint, "
                + "0.001 now)"), settings.getMessage());

        IllegalArgumentException otherData = assertThrows(IllegalArgumentException.class,
                () -> new FcnTrainer(tiny().build(), line -> { }).resume(pairs.limit(3), pairs, folder));
        assertTrue(otherData.getMessage().contains("train.idsSha256: "), otherData.getMessage());
        assertFalse(otherData.getMessage().contains("validation.idsSha256"), otherData.getMessage());

        Path file = TrainingCheckpoint.fileIn(folder);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        IOException damaged = assertThrows(IOException.class,
                () -> new FcnTrainer(tiny().build(), line -> { }).resume(pairs, pairs, folder));
        assertTrue(damaged.getMessage().endsWith("is damaged (its checksum does not match)"), damaged.getMessage());
    }

    @Test
    void aCheckpointWrittenBeforeASettingExistedResumesAsThatSettingsDefault(@TempDir Path folder)
            throws IOException {
        FolderPairSource pairs = FolderPairSource.scan(data);
        new FcnTrainer(tiny().maxMinutes(1e-9).build(), line -> { }).train(pairs, pairs, folder);
        // As an earlier version wrote it: no border or deep-supervision settings.
        TrainingCheckpoint old = TrainingCheckpoint.read(folder);
        for (String added : List.of("borderWeight", "borderRadius", "deepSupervisionWeight")) {
            assertTrue(old.settings.remove(added) != null, added);
        }
        old.write(folder);

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> new FcnTrainer(tiny().borderWeight(2).build(), line -> { }).resume(pairs, pairs, folder));
        assertTrue(other.getMessage().contains("borderWeight: 0.0 in the checkpoint, 2.0 now"), other.getMessage());
        ModelCard resumed = new FcnTrainer(tiny().build(), line -> { }).resume(pairs, pairs, folder).card();
        assertEquals(EPOCHS, resumed.training.epochsRun);
    }

    private static List<String> parameterFiles(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".params")).sorted().toList();
        }
    }
}
