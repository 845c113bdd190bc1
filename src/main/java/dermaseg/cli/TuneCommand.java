package dermaseg.cli;

import ai.djl.Device;
import dermaseg.dataset.FolderPairSource;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnModelCache;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.refine.SeedRule;
import dermaseg.selection.SettingsSweep;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import dermaseg.commandline.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dermaseg tune}: chooses the fusion weight and the superpixel-stage settings for a model
 * on validation pairs, by mean per-image Jaccard of the fused result, and with
 * {@code --write-card} records the choice (and the whole sweep) in the model's card. The FCN runs
 * once per image; only the cheap stages are repeated for each setting.
 *
 * <p>Keep the grid coarse: every extra setting tried on the same small validation set makes the
 * winner's score a little more optimistic.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Choose the fusion weight and superpixel settings on validation data.")
final class TuneCommand implements Callable<Integer> {
    @Mixin
    CardFitOptions validation;

    @Option(names = "--weights", split = ",", paramLabel = "W",
            defaultValue = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1",
            description = "Fusion weights to try (default: ${DEFAULT-VALUE}).")
    List<Double> weights;

    @Option(names = "--superpixels", split = ",", paramLabel = "N", defaultValue = "150,300,600",
            description = "Superpixels per region of interest (default: ${DEFAULT-VALUE}).")
    List<Integer> superpixels;

    @Option(names = "--sigma-scales", split = ",", paramLabel = "S", defaultValue = "0.5,1,2",
            description = "Affinity bandwidth scales (default: ${DEFAULT-VALUE}).")
    List<Double> sigmaScales;

    @Option(names = "--seed-thresholds", split = ",", paramLabel = "HIGH:LOW", defaultValue = "0.7:0.3,0.8:0.2,0.9:0.1",
            description = "Lesion:skin seed thresholds (default: ${DEFAULT-VALUE}).")
    List<String> seedThresholds;

    @Option(names = "--seed-rules", split = ",", paramLabel = "RULE", defaultValue = "THRESHOLDS",
            description = "Seed rules (THRESHOLDS, SOFT, MEAN_OF_MEANS); thresholds apply to THRESHOLDS only "
                    + "(default: ${DEFAULT-VALUE}).")
    List<SeedRule> seedRules;

    @Option(names = "--alphas", split = ",", paramLabel = "ALPHA", defaultValue = "0.99",
            description = "Manifold-ranking spreads (default: ${DEFAULT-VALUE}).")
    List<Double> alphas;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N pairs.")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        ModelLocation location = ModelLocation.folder(validation.model);
        FcnModel fcn = FcnModelCache.get(location, Device.cpu());
        FolderPairSource all = FolderPairSource.scan(validation.data);
        FolderPairSource pairs = limit == null ? all : all.limit(limit);
        SettingsSweep.Maps maps = SettingsSweep.Maps.of(fcn, pairs);
        SettingsSweep.Grid grid = new SettingsSweep.Grid(weights, superpixels, sigmaScales, seedThresholds,
                seedRules, alphas);
        System.out.printf(Locale.ROOT, "FCN maps ready for %d images; trying %d settings%n", maps.size(),
                grid.size());
        SettingsSweep.Result sweep = SettingsSweep.run(grid, maps);
        List<SettingsSweep.Scored> results = sweep.ranked();
        for (int i = 0; i < Math.min(15, results.size()); i++) {
            System.out.println(results.get(i).describe());
        }
        SettingsSweep.Scored best = sweep.best();
        System.out.println("best: " + best.describe());
        System.out.printf(Locale.ROOT, "2-fold cross-validated fused Jaccard (choose on one half, score on the"
                + " other): %.4f%n", sweep.crossValidated());
        if (validation.writeCard) {
            ModelCard card = location.readCard();
            sweep.record(card, pairs.description());
            card.write(location.cardFile());
            System.out.println("written to " + location.cardFile());
        }
        return 0;
    }
}
