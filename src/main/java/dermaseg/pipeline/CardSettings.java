package dermaseg.pipeline;

import dermaseg.fcn.ModelCard;
import dermaseg.fusion.FusionConfig;
import dermaseg.refine.RefineConfig;
import dermaseg.refine.SeedRule;
import dermaseg.uncertainty.UncertaintyModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Translates between the model card's record of stage settings and the stages' config classes.
 * The card stores what was chosen on validation data for that model; an explicit config given by
 * the user always wins over it.
 */
public final class CardSettings {
    private CardSettings() {
    }

    /** The refine settings in force: the config's if set, else the card's over the defaults. */
    public static RefineConfig refine(SegmenterConfig config, ModelCard card) {
        if (config.refine() != null) {
            return config.refine();
        }
        return fromRecord(card.pipeline == null ? null : card.pipeline.refine);
    }

    /** A recorded refine config (a card's, or a run summary's) over the defaults; null gives the defaults. */
    public static RefineConfig fromRecord(ModelCard.Refine r) {
        RefineConfig.Builder b = RefineConfig.builder();
        if (r == null) {
            return b.build();
        }
        if (r.superpixels != null) {
            b.superpixels(r.superpixels);
        }
        if (r.compactness != null) {
            b.compactness(r.compactness);
        }
        if (r.marginFraction != null) {
            b.marginFraction(r.marginFraction);
        }
        if (r.lesionSeedThreshold != null) {
            b.lesionSeedThreshold(r.lesionSeedThreshold);
        }
        if (r.skinSeedThreshold != null) {
            b.skinSeedThreshold(r.skinSeedThreshold);
        }
        if (r.sigmaScale != null) {
            b.sigmaScale(r.sigmaScale);
        }
        if (r.alpha != null) {
            b.alpha(r.alpha);
        }
        if (r.twoHop != null) {
            b.twoHop(r.twoHop);
        }
        if (r.seedRule != null) {
            b.seedRule(SeedRule.valueOf(r.seedRule));
        }
        return b.build();
    }

    /** The fusion settings in force: the config's if set, else the card's weight. */
    public static FusionConfig fusion(SegmenterConfig config, ModelCard card) {
        if (config.fusion() != null) {
            return config.fusion();
        }
        if (card.pipeline == null || card.pipeline.fusionWeight == null) {
            return FusionConfig.builder().build();
        }
        return FusionConfig.builder().globalWeight(card.pipeline.fusionWeight).build();
    }

    /** The test-time views in force: the config's if set, else the card's, else 1 (none). */
    public static int testTimeViews(SegmenterConfig config, ModelCard card) {
        if (config.testTimeViews() != null) {
            return config.testTimeViews();
        }
        if (card.pipeline == null || card.pipeline.testTimeViews == null) {
            return 1;
        }
        return card.pipeline.testTimeViews;
    }

    /**
     * The card's uncertainty model for a run with {@code views} test-time views: refused, naming
     * the fix, when the fit weighs the views' disagreement and the run has one view, since every
     * score would then be missing.
     */
    public static UncertaintyModel uncertainty(ModelCard card, int views) {
        UncertaintyModel m = uncertainty(card);
        if (m != null && m.needsViews() && views < 2) {
            throw new IllegalArgumentException("the model card's uncertainty weighs the disagreement of test-time "
                    + "views, and this run has one view: leave --test-time-views at the card's "
                    + card.pipeline.testTimeViews + ", or fit the uncertainty again for one view");
        }
        return m;
    }

    /** The card's record of a refine config. */
    public static ModelCard.Refine record(RefineConfig c) {
        ModelCard.Refine r = new ModelCard.Refine();
        r.superpixels = c.superpixels();
        r.compactness = c.compactness();
        r.marginFraction = c.marginFraction();
        r.lesionSeedThreshold = c.lesionSeedThreshold();
        r.skinSeedThreshold = c.skinSeedThreshold();
        r.sigmaScale = c.sigmaScale();
        r.alpha = c.alpha();
        r.twoHop = c.twoHop();
        r.seedRule = c.seedRule().name();
        return r;
    }

    /**
     * The card's uncertainty model, or null when the card has none (a model no one has run
     * {@code fit-uncertainty} for): its rows then have no uncertainty rather than a made-up one.
     */
    public static UncertaintyModel uncertainty(ModelCard card) {
        ModelCard.Uncertainty u = card.uncertainty;
        if (u == null) {
            return null;
        }
        if (!UncertaintyModel.FEATURES.equals(u.features) && !UncertaintyModel.FEATURES_WITH_VIEWS.equals(u.features)) {
            throw new IllegalArgumentException("the model card's uncertainty fit uses features " + u.features
                    + ", this version computes " + UncertaintyModel.FEATURES + " (and with test-time views "
                    + UncertaintyModel.FEATURES_WITH_VIEWS + "): run fit-uncertainty again");
        }
        return new UncertaintyModel(u.features, u.intercept, toArray(u.weights), toArray(u.means),
                toArray(u.scales));
    }

    /** The card's record of a fitted uncertainty model and its validation figures. */
    public static ModelCard.Uncertainty record(UncertaintyModel m, String fittedOn, Map<String, Double> validation) {
        ModelCard.Uncertainty u = new ModelCard.Uncertainty();
        u.features = new ArrayList<>(m.features());
        u.intercept = m.intercept();
        u.weights = toList(m.weights());
        u.means = toList(m.means());
        u.scales = toList(m.scales());
        u.fittedOn = fittedOn;
        u.validation = new LinkedHashMap<>(validation);
        return u;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> toList(double[] values) {
        return Arrays.stream(values).boxed().collect(Collectors.toCollection(ArrayList::new));
    }
}
