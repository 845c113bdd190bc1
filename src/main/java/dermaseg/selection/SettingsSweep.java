package dermaseg.selection;

import ai.djl.translate.TranslateException;
import dermaseg.dataset.PairSource;
import dermaseg.dataset.TrainingPair;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.ModelCard;
import dermaseg.fusion.FusionConfig;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
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
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the fusion weight and the superpixel-stage settings of a model on labelled images, by
 * mean per-image Jaccard of the fused mask: the search behind {@code tune} and behind each fold
 * of {@code cross-validate}. The FCN maps are made once by the caller; only the cheap stages are
 * repeated for every setting.
 *
 * <p>Keep the grid coarse: every extra setting tried on the same small set makes the winner's
 * score a little more optimistic ({@link Result#crossValidated()} says by how much).
 */
public final class SettingsSweep {
    private SettingsSweep() {
    }

    /** The settings to try. Seed thresholds ({@code HIGH:LOW}) vary only for the rule that uses them. */
    public record Grid(List<Double> weights, List<Integer> superpixels, List<Double> sigmaScales,
            List<String> seedThresholds, List<SeedRule> seedRules, List<Double> alphas) {
        public Grid {
            weights = List.copyOf(weights);
            superpixels = List.copyOf(superpixels);
            sigmaScales = List.copyOf(sigmaScales);
            seedThresholds = List.copyOf(seedThresholds);
            seedRules = List.copyOf(seedRules);
            alphas = List.copyOf(alphas);
            if (weights.isEmpty() || superpixels.isEmpty() || sigmaScales.isEmpty() || seedRules.isEmpty()
                    || alphas.isEmpty() || (seedRules.contains(SeedRule.THRESHOLDS) && seedThresholds.isEmpty())) {
                throw new IllegalArgumentException("every list of the settings grid needs at least one value");
            }
        }

        /** Every refine setting of the grid. */
        public List<RefineConfig> refineSettings() {
            List<RefineConfig> grid = new ArrayList<>();
            for (SeedRule rule : seedRules) {
                List<String> thresholds = rule == SeedRule.THRESHOLDS ? seedThresholds : List.of("0.8:0.2");
                for (int count : superpixels) {
                    for (double sigma : sigmaScales) {
                        for (double alpha : alphas) {
                            for (String seeds : thresholds) {
                                String[] hl = seeds.split(":");
                                if (hl.length != 2) {
                                    throw new IllegalArgumentException("seed thresholds are HIGH:LOW, not " + seeds);
                                }
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

        public int size() {
            return refineSettings().size() * weights.size();
        }
    }

    /** One setting's per-image counts, in image order. */
    public record Scored(RefineConfig refine, double weight, List<ConfusionCounts> perImage) {
        public MetricSummary summary() {
            return MetricSummary.of(perImage);
        }

        public double jaccard() {
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

        public String describe() {
            String seeds = refine.seedRule() == SeedRule.THRESHOLDS
                    ? String.format(Locale.ROOT, "%.2f/%.2f", refine.lesionSeedThreshold(), refine.skinSeedThreshold())
                    : refine.seedRule().name();
            return String.format(Locale.ROOT, "w=%.2f superpixels=%d sigmaScale=%.2f alpha=%.3f seeds=%s: "
                    + "Jaccard %.4f, thresholded %.4f", weight, refine.superpixels(), refine.sigmaScale(),
                    refine.alpha(), seeds, jaccard(), summary().meanOverImages().thresholdedJaccard());
        }
    }

    /** Every setting scored, best first. */
    public record Result(List<Scored> ranked) {
        public Scored best() {
            return ranked.get(0);
        }

        /**
         * An honest estimate of what tuning buys: settings chosen on the even-numbered images and
         * scored on the odd ones, and the other way round, averaged. The best setting's own score
         * on all images is optimistic, since it was picked for them.
         */
        public double crossValidated() {
            double total = 0;
            for (int fold = 0; fold < 2; fold++) {
                int choose = fold;
                Scored chosen = ranked.stream().max(Comparator.comparingDouble(r -> r.jaccard(choose))).orElseThrow();
                total += chosen.jaccard(1 - fold);
            }
            return total / 2;
        }

        /** Records the best setting, what it was chosen on, and the whole sweep in {@code card}. */
        public void record(ModelCard card, String chosenOn) {
            card.pipeline.fusionWeight = best().weight();
            card.pipeline.refine = CardSettings.record(best().refine());
            card.pipeline.chosenOn = String.format(Locale.ROOT, "%s (%d pairs), %s, by mean per-image Jaccard",
                    chosenOn, best().perImage().size(), LocalDate.now());
            card.pipeline.sweep = new ArrayList<>();
            for (Scored s : ranked) {
                card.pipeline.sweep.add(s.describe());
            }
        }
    }

    /** The FCN's output and the ground truth of every labelled image, in the source's order. */
    public record Maps(List<GlobalStage.Output> globals, List<BinaryMask> truths) {
        public Maps {
            if (globals.size() != truths.size() || globals.isEmpty()) {
                throw new IllegalArgumentException("the sweep needs one truth per FCN output and at least one image");
            }
        }

        /** Runs the FCN once over every pair of {@code pairs}. */
        public static Maps of(FcnModel fcn, PairSource pairs) throws IOException, TranslateException,
                ImageDecodeException {
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
            return new Maps(globals, truths);
        }

        public int size() {
            return globals.size();
        }
    }

    /** Scores every setting of {@code grid} on the given FCN outputs against their truths. */
    public static Result run(Grid grid, Maps maps) {
        List<GlobalStage.Output> globals = maps.globals();
        List<BinaryMask> truths = maps.truths();
        List<Scored> results = new ArrayList<>();
        for (RefineConfig refine : grid.refineSettings()) {
            RefineStage stage = new RefineStage(refine);
            List<RefineStage.Output> locals = new ArrayList<>();
            for (GlobalStage.Output g : globals) {
                locals.add(stage.refine(g));
            }
            for (double w : grid.weights()) {
                FusionStage fusion = new FusionStage(FusionConfig.builder().globalWeight(w).build());
                List<ConfusionCounts> perImage = new ArrayList<>(locals.size());
                for (int i = 0; i < locals.size(); i++) {
                    perImage.add(ConfusionCounts.of(fusion.fuse(locals.get(i)).mask(), truths.get(i)));
                }
                results.add(new Scored(refine, w, perImage));
            }
        }
        results.sort(Comparator.comparingDouble((Scored r) -> r.jaccard()).reversed());
        return new Result(List.copyOf(results));
    }
}
