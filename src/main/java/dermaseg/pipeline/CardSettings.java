package dermaseg.pipeline;

import dermaseg.fcn.ModelCard;
import dermaseg.fusion.FusionConfig;
import dermaseg.refine.RefineConfig;
import dermaseg.refine.SeedRule;

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
}
