package dermaseg.cli;

import ai.djl.Device;
import dermaseg.dataset.FolderPairSource;
import dermaseg.dataset.TrainingPair;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnModelCache;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.fusion.FusionConfig;
import dermaseg.image.BinaryMask;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.MetricSummary;
import dermaseg.pipeline.CardSettings;
import dermaseg.pipeline.FusionStage;
import dermaseg.pipeline.GlobalStage;
import dermaseg.pipeline.RefineStage;
import dermaseg.pipeline.SegmenterConfig;
import dermaseg.refine.RefineConfig;
import dermaseg.refine.SeedRule;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
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

    /** One setting's per-image counts, in image order. */
    private record Scored(RefineConfig refine, double weight, List<ConfusionCounts> perImage) {
        MetricSummary summary() {
            return MetricSummary.of(perImage);
        }

        double jaccard() {
            return summary().meanOverImages().jaccard();
        }

        /** Mean Jaccard over the images whose index has the given parity. */
        double jaccard(int parity) {
            MetricSummary s = MetricSummary.empty();
            for (int i = parity; i < perImage.size(); i += 2) {
                s = s.add(perImage.get(i));
            }
            return s.meanOverImages().jaccard();
        }

        String describe() {
            String seeds = refine.seedRule() == SeedRule.THRESHOLDS
                    ? String.format(Locale.ROOT, "%.2f/%.2f", refine.lesionSeedThreshold(), refine.skinSeedThreshold())
                    : refine.seedRule().name();
            return String.format(Locale.ROOT, "w=%.2f superpixels=%d sigmaScale=%.2f alpha=%.3f seeds=%s: "
                    + "Jaccard %.4f, thresholded %.4f", weight, refine.superpixels(), refine.sigmaScale(),
                    refine.alpha(), seeds, jaccard(),
                    summary().meanOverImages().thresholdedJaccard());
        }
    }

    @Override
    public Integer call() throws Exception {
        ModelLocation location = ModelLocation.folder(validation.model);
        FcnModel fcn = FcnModelCache.get(location, Device.cpu());
        FolderPairSource all = FolderPairSource.scan(validation.data);
        FolderPairSource pairs = limit == null ? all : all.limit(limit);
        List<GlobalStage.Output> globals = new ArrayList<>();
        List<BinaryMask> truths = new ArrayList<>();
        MaskCodec masks = new MaskCodec();
        try (GlobalStage global = new GlobalStage(fcn, SegmenterConfig.defaults())) {
            Iterator<TrainingPair> it = pairs.iterator(null);
            while (it.hasNext()) {
                TrainingPair p = it.next();
                truths.add(masks.decode(p.mask()));
                globals.add(global.predict(List.of(global.prepare(p.image()))).get(0));
            }
        }
        System.out.printf(Locale.ROOT, "FCN maps ready for %d images; trying %d settings%n", globals.size(),
                grid().size() * weights.size());

        List<Scored> results = new ArrayList<>();
        for (RefineConfig refine : grid()) {
            results.addAll(sweepWeights(refine, globals, truths));
        }
        results.sort(Comparator.comparingDouble((Scored r) -> r.jaccard()).reversed());
        for (int i = 0; i < Math.min(15, results.size()); i++) {
            System.out.println(results.get(i).describe());
        }
        Scored best = results.get(0);
        System.out.println("best: " + best.describe());
        System.out.printf(Locale.ROOT, "2-fold cross-validated fused Jaccard (choose on one half, score on the"
                + " other): %.4f%n", crossValidated(results));
        if (validation.writeCard) {
            ModelCard card = location.readCard();
            card.pipeline.fusionWeight = best.weight();
            card.pipeline.refine = CardSettings.record(best.refine());
            card.pipeline.chosenOn = String.format(Locale.ROOT, "%s (%d pairs), %s, by mean per-image Jaccard",
                    pairs.description(), globals.size(), LocalDate.now());
            card.pipeline.sweep = new ArrayList<>();
            for (Scored s : results) {
                card.pipeline.sweep.add(s.describe());
            }
            card.write(location.cardFile());
            System.out.println("written to " + location.cardFile());
        }
        return 0;
    }

    /** Every refine setting to try: thresholds only vary for the rule that uses them. */
    private List<RefineConfig> grid() {
        List<RefineConfig> grid = new ArrayList<>();
        for (SeedRule rule : seedRules) {
            List<String> thresholds = rule == SeedRule.THRESHOLDS ? seedThresholds : List.of("0.8:0.2");
            for (int count : superpixels) {
                for (double sigma : sigmaScales) {
                    for (double alpha : alphas) {
                        for (String seeds : thresholds) {
                            String[] hl = seeds.split(":");
                            grid.add(RefineConfig.builder().seedRule(rule).superpixels(count).sigmaScale(sigma)
                                    .alpha(alpha).lesionSeedThreshold(Double.parseDouble(hl[0]))
                                    .skinSeedThreshold(Double.parseDouble(hl[1])).build());
                        }
                    }
                }
            }
        }
        return grid;
    }

    /**
     * An honest estimate of what tuning buys: settings chosen on the even-numbered images and
     * scored on the odd ones, and the other way round, averaged. The best setting's own score on
     * all images is optimistic, since it was picked for them.
     */
    private static double crossValidated(List<Scored> results) {
        double total = 0;
        for (int fold = 0; fold < 2; fold++) {
            int choose = fold;
            Scored chosen = results.stream().max(Comparator.comparingDouble(r -> r.jaccard(choose))).orElseThrow();
            total += chosen.jaccard(1 - fold);
        }
        return total / 2;
    }

    private List<Scored> sweepWeights(RefineConfig refine, List<GlobalStage.Output> globals, List<BinaryMask> truths) {
        RefineStage stage = new RefineStage(refine);
        List<RefineStage.Output> locals = new ArrayList<>();
        for (GlobalStage.Output g : globals) {
            locals.add(stage.refine(g));
        }
        List<Scored> out = new ArrayList<>();
        for (double w : weights) {
            FusionStage fusion = new FusionStage(FusionConfig.builder().globalWeight(w).build());
            List<ConfusionCounts> perImage = new ArrayList<>(locals.size());
            for (int i = 0; i < locals.size(); i++) {
                perImage.add(ConfusionCounts.of(fusion.fuse(locals.get(i)).mask(), truths.get(i)));
            }
            out.add(new Scored(refine, w, perImage));
        }
        return out;
    }
}
