package dermaseg.cli;

import dermaseg.commandline.VersionProvider;
import dermaseg.dataset.FolderPairSource;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.image.ColourConstancy;
import dermaseg.refine.SeedRule;
import dermaseg.selection.CrossDeviceReport;
import dermaseg.selection.CrossDeviceValidation;
import dermaseg.selection.DeviceFolds;
import dermaseg.selection.DeviceGroups;
import dermaseg.selection.InferenceVariant;
import dermaseg.selection.SettingsSweep;
import dermaseg.selection.StressSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dermaseg cross-validate --by device}: trains every candidate recipe once per held-out
 * device group, tunes and fits it on its own training part, scores it on the device it never saw,
 * and prints the table that models are chosen by ({@link CrossDeviceValidation}).
 */
@Command(name = "cross-validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Choose models by held-out devices: train each candidate with one device group held out, "
                + "tune it on its own training part, score it on the held-out group and under the stress set. "
                + "Resumable: run it again to continue.")
final class CrossValidateCommand implements Callable<Integer> {
    /** What the folds hold out; only devices today. */
    enum Grouping { device }

    @Option(names = "--by", defaultValue = "device", paramLabel = "GROUPING",
            description = "What a fold holds out (default: ${DEFAULT-VALUE}, by the original frame size the "
                    + "manifests record).")
    Grouping by;

    @Option(names = "--data", required = true, split = ",", paramLabel = "FOLDER",
            description = "Folders of pairs, each with images/, masks/ and manifest.csv (id, orig_w, orig_h); "
                    + "pooled before they are grouped.")
    List<Path> data;

    @Option(names = "--hold-out", split = ",", paramLabel = "GROUP", defaultValue = "small-format,4288x2848",
            description = "Device groups to hold out, one fold each (default: ${DEFAULT-VALUE}).")
    List<String> heldOut;

    @Option(names = "--min-group-size", defaultValue = "" + DeviceGroups.DEFAULT_MIN_GROUP_SIZE, paramLabel = "N",
            description = "Pairs that must share a frame size for it to be a device group (default: "
                    + "${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--inner-validation", defaultValue = "" + DeviceFolds.DEFAULT_INNER_VALIDATION_SHARE,
            paramLabel = "SHARE",
            description = "Share of each fold's training part that picks the epoch, tunes and fits the "
                    + "uncertainty (default: ${DEFAULT-VALUE}).")
    double innerValidation;

    @Option(names = "--candidate", required = true, paramLabel = "NAME=OPTIONS",
            description = "A recipe to try: a name and train's recipe options in one string, e.g. "
                    + "sep-h2=\"--block separable --widths 8,16,32,64,128 --working-size 192 --hadamard-stages 2\". "
                    + "Repeatable.")
    Map<String, String> candidates = new LinkedHashMap<>();

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N",
            description = "The one schedule every candidate trains to (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "100", paramLabel = "EPOCHS",
            description = "Early stop after this many epochs without improvement (default: ${DEFAULT-VALUE}: none).")
    int patience;

    @Option(names = "--max-minutes", defaultValue = "240", paramLabel = "MINUTES",
            description = "Time budget of each training (default: ${DEFAULT-VALUE}).")
    double maxMinutes;

    @Option(names = "--stress-images", defaultValue = "60", paramLabel = "N",
            description = "Held-out pairs of each fold that the stress set changes (default: ${DEFAULT-VALUE}).")
    int stressImages;

    @Option(names = "--weights", split = ",", paramLabel = "W", defaultValue = "0.3,0.4,0.5,0.6,0.7,0.8,1",
            description = "Fusion weights each fold tries (default: ${DEFAULT-VALUE}).")
    List<Double> weights;

    @Option(names = "--superpixels", split = ",", paramLabel = "N", defaultValue = "300,600",
            description = "Superpixels per region of interest each fold tries (default: ${DEFAULT-VALUE}).")
    List<Integer> superpixels;

    @Option(names = "--test-time-views", split = ",", paramLabel = "N", defaultValue = "1,8",
            description = "Score every fold's model with each of these numbers of test-time views (1, 2, 4, 8); the "
                    + "model is the same, only inference differs (default: ${DEFAULT-VALUE}).")
    List<Integer> testTimeViews;

    @Option(names = "--inference-colour-constancy", paramLabel = "STEP",
            description = "Also score every fold with this colour constancy step (e.g. shades-of-gray:6) in place of "
                    + "its card's, at inference only: rows named +sogP.")
    String inferenceColourConstancy;

    @Option(names = "--record-in", paramLabel = "MODEL_FOLDER",
            description = "Record the tables in this model's card (selection.crossDevice).")
    Path recordIn;

    @Option(names = "--record-uncertainty",
            description = "With --record-in: also replace the card's uncertainty by a fit on the held-out images of "
                    + "--record-candidate pooled over its folds (for a model trained with that recipe).")
    boolean recordUncertainty;

    @Option(names = "--record-candidate", paramLabel = "NAME",
            description = "The row name (a candidate, +ttaN when scored so) whose recipe made the --record-in model.")
    String recordCandidate;

    @Option(names = "--work", required = true, paramLabel = "FOLDER",
            description = "Folder for every fold's model, scores and the summary; give the same to continue.")
    Path work;

    @Spec
    CommandSpec spec;

    private List<String> arguments = List.of();

    @Override
    public Integer call() throws Exception {
        arguments = spec.commandLine().getParseResult().originalArgs();
        if ((recordIn == null) != (recordCandidate == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--record-in and --record-candidate go together");
        }
        List<Path> manifests = new ArrayList<>();
        for (Path folder : data) {
            Path manifest = folder.resolve("manifest.csv");
            if (!Files.isRegularFile(manifest)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "no manifest.csv in " + folder + ": device groups come from its orig_w and orig_h");
            }
            manifests.add(manifest);
        }
        DeviceGroups groups = DeviceGroups.read(manifests, minGroupSize);
        FolderPairSource pool = FolderPairSource.scanAll(data);
        DeviceGroups paired = groups.restrictedTo(pool.ids());
        System.out.println("device groups: " + DeviceFolds.describe(paired.members()));
        List<DeviceFolds.Fold> folds = DeviceFolds.of(paired, heldOut, innerValidation);
        List<CrossDeviceValidation.Candidate> recipes = new ArrayList<>();
        candidates.forEach((name, options) -> recipes.add(new CrossDeviceValidation.Candidate(name,
                recipe(options).toConfig().epochs(epochs).patience(patience).maxMinutes(maxMinutes).build())));
        SettingsSweep.Grid grid = new SettingsSweep.Grid(weights, superpixels, List.of(1.0), List.of(),
                List.of(SeedRule.SOFT), List.of(0.99));
        StressSet stress = new StressSet(Arrays.asList(StressSet.Perturbation.values()), stressImages);
        // Refuses a view count or a step there is not before hours of training.
        List<InferenceVariant> variants = InferenceVariant.of(testTimeViews,
                inferenceColourConstancy == null ? null : ColourConstancy.parse(inferenceColourConstancy));
        new CrossDeviceValidation(work, pool, recipes, folds, grid, stress, variants, System.out::println).run();
        CrossDeviceReport report = CrossDeviceReport.of(work, candidates.keySet(), folds, variants);
        System.out.print(report.markdown());
        report.write(work);
        System.out.println("summary: " + work.resolve(CrossDeviceReport.MARKDOWN_FILE) + ", "
                + work.resolve(CrossDeviceReport.JSON_FILE));
        if (recordIn != null) {
            ModelLocation location = ModelLocation.folder(recordIn);
            ModelCard card = location.readCard();
            report.recordIn(card, recordCandidate, "scripts/dermaseg cross-validate " + String.join(" ", arguments),
                    recordUncertainty);
            card.write(location.cardFile());
            System.out.println("recorded in " + location.cardFile());
        }
        return 0;
    }

    /** A candidate's options, read as train reads them; no value of theirs holds a space. */
    private static TrainRecipeOptions recipe(String options) {
        TrainRecipeOptions recipe = new TrainRecipeOptions();
        String trimmed = options.trim();
        new CommandLine(recipe).parseArgs(trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+"));
        return recipe;
    }
}
