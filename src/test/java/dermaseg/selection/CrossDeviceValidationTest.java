package dermaseg.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.dataset.FolderPairSource;
import dermaseg.fcn.FcnConfig;
import dermaseg.fcn.ModelCard;
import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import dermaseg.refine.SeedRule;
import dermaseg.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The whole protocol on a tiny synthetic corpus of three "devices" (dark ellipses on skin tones,
 * each device its own tint and frame size in the manifest): folds trained, tuned, scored, stressed,
 * summarised, and a second run that redoes nothing but the file it finds missing.
 */
class CrossDeviceValidationTest {
    private static final InferenceVariant PLAIN = new InferenceVariant(1, null);

    @TempDir
    static Path dir;

    @BeforeAll
    static void opencv() {
        OpenCv.load();
    }

    /** 36 pairs, 12 per device, with a manifest that gives each device its frame size. */
    private static Path corpus() throws Exception {
        Path root = dir.resolve("corpus");
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("masks"));
        List<String> manifest = new ArrayList<>(List.of("id,orig_w,orig_h"));
        String[] frames = {"700,500", "4288,2848", "3008,2000"};
        Scalar[] skins = {new Scalar(150, 160, 210), new Scalar(170, 175, 200), new Scalar(140, 150, 220)};
        Random r = new Random(7);
        for (int i = 0; i < 36; i++) {
            int device = i % 3;
            String id = String.format("P%03d", i);
            try (MatHandle image = MatHandle.of(new Mat(72, 96, CvType.CV_8UC3, skins[device]));
                    MatHandle mask = MatHandle.of(new Mat(72, 96, CvType.CV_8UC1, new Scalar(0)));
                    MatHandle noise = MatHandle.allocate(72, 96, CvType.CV_8UC3)) {
                Point centre = new Point(35 + r.nextInt(26), 26 + r.nextInt(20));
                Size axes = new Size(10 + r.nextInt(12), 8 + r.nextInt(10));
                double angle = r.nextInt(180);
                Imgproc.ellipse(image.mat(), centre, axes, angle, 0, 360, new Scalar(60, 50, 90), -1);
                Imgproc.ellipse(mask.mat(), centre, axes, angle, 0, 360, new Scalar(255), -1);
                org.opencv.core.Core.randn(noise.mat(), 0, 6);
                org.opencv.core.Core.add(image.mat(), noise.mat(), image.mat());
                Files.write(root.resolve("images").resolve(id + ".png"), ImageOps.encodePng(image.mat()));
                Files.write(root.resolve("masks").resolve(id + ".png"), ImageOps.encodePng(mask.mat()));
            }
            manifest.add(id + "," + frames[device]);
        }
        Files.write(root.resolve("manifest.csv"), manifest);
        return root;
    }

    @Test
    void everyFoldIsScoredOnItsOwnDeviceOnlyAndASecondRunRedoesOnlyWhatIsMissing() throws Exception {
        Path data = corpus();
        DeviceGroups groups = DeviceGroups.read(List.of(data.resolve("manifest.csv")), 10);
        List<DeviceFolds.Fold> folds = DeviceFolds.of(groups, List.of("small-format", "4288x2848"), 0.5);
        FolderPairSource pool = FolderPairSource.scanAll(List.of(data));
        TrainConfig tiny = TrainConfig.builder()
                .fcn(FcnConfig.builder().workingSize(32).baseChannels(4).depth(3).build())
                .epochs(2).batchSize(4).patience(10).learningRate(5e-3).build();
        List<CrossDeviceValidation.Candidate> candidates = List.of(new CrossDeviceValidation.Candidate("tiny", tiny));
        SettingsSweep.Grid grid = new SettingsSweep.Grid(List.of(0.5, 1.0), List.of(20), List.of(1.0), List.of(),
                List.of(SeedRule.SOFT), List.of(0.99));
        StressSet stress = new StressSet(List.of(StressSet.Perturbation.BLUR, StressSet.Perturbation.ZOOM_IN), 3);
        Path work = dir.resolve("work");
        List<String> log = new ArrayList<>();
        new CrossDeviceValidation(work, pool, candidates, folds, grid, stress, InferenceVariant.of(List.of(1, 2), null), log::add).run();

        for (DeviceFolds.Fold f : folds) {
            Path fold = CrossDeviceValidation.foldFolder(work, "tiny", f);
            List<HeldOutImage> scored = HeldOutImage.read(fold.resolve(PLAIN.heldOutFile()));
            Set<String> ids = new HashSet<>();
            scored.forEach(i -> ids.add(i.id()));
            assertEquals(new HashSet<>(groups.members().get(f.heldOutGroup())), ids,
                    "a fold scores exactly its held-out device's pairs");
            assertEquals(12, HeldOutImage.read(fold.resolve(new InferenceVariant(2, null).heldOutFile())).size());
            assertEquals(3 * 3, StressSet.read(fold.resolve(PLAIN.stressFile())).size(),
                    "3 images, clean and under 2 changes");
            ModelCard card = ModelCard.read(fold.resolve("model").resolve(ModelCard.FILE_NAME));
            assertEquals(f.learn().size(), card.training.trainPairs);
            assertEquals(f.innerValidation().size(), card.training.validationPairs);
            assertTrue(card.pipeline.chosenOn.contains(f.name() + " inner validation"), card.pipeline.chosenOn);
            assertEquals(grid.size(), card.pipeline.sweep.size());
        }
        CrossDeviceReport report = CrossDeviceReport.of(work, List.of("tiny"), folds, InferenceVariant.of(List.of(1, 2), null));
        assertEquals(List.of("tiny/small-format", "tiny/4288x2848", "tiny/pooled", "tiny+tta2/small-format",
                "tiny+tta2/4288x2848", "tiny+tta2/pooled"),
                report.rows().stream().map(r -> r.candidate() + "/" + r.group()).toList());
        assertEquals(24, report.rows().get(2).images());
        assertEquals(2, report.stress().size());
        String table = report.markdown();
        assertTrue(table.contains("| tiny+tta2 | pooled | 24 |"), table);
        assertEquals(report.rows().get(2).fcnPooledJaccard() > 0, true);
        assertTrue(table.contains("blur"), table);

        // A run killed after training, with one file lost: the next run scores that file again and
        // neither trains nor tunes.
        Path lost = CrossDeviceValidation.foldFolder(work, "tiny", folds.get(1)).resolve(PLAIN.heldOutFile());
        Files.delete(lost);
        List<String> again = new ArrayList<>();
        new CrossDeviceValidation(work, pool, candidates, folds, grid, stress, InferenceVariant.of(List.of(1, 2), null), again::add).run();
        assertTrue(Files.exists(lost));
        assertFalse(again.stream().anyMatch(l -> l.contains("training") || l.contains("tuning")), again.toString());
        assertEquals(1, again.stream().filter(l -> l.contains("scoring the")).count(), again.toString());
    }
}
