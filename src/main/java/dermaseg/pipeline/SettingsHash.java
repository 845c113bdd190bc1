package dermaseg.pipeline;

import dermaseg.fusion.FusionConfig;
import dermaseg.io.Sha256;
import dermaseg.refine.RefineConfig;
import java.util.Locale;

/**
 * A short, stable name for the stage settings a mask depends on: the analysis size, every
 * superpixel and ranking setting, the fusion weight and clean-up. Two runs with the same model
 * and the same hash make the same masks from the same bytes, so an incremental output keys its
 * rows by it. Image limits and the batch size are left out on purpose: they decide whether and
 * how fast an image is processed, not what its mask is.
 *
 * <p>The hash is the first 16 hex digits of SHA-256 over a canonical text, one {@code name=value}
 * line per setting in a fixed order, numbers in {@link Double#toString} form. Adding a setting
 * changes every hash: an output made before it then counts as made with other settings, which is
 * the safe side.
 */
public final class SettingsHash {
    private SettingsHash() {
    }

    /** The hash of {@code config}, whose refine and fusion settings must be resolved (not null). */
    public static String of(SegmenterConfig config) {
        return hash(canonical(config));
    }

    static String canonical(SegmenterConfig config) {
        RefineConfig r = config.refine();
        FusionConfig f = config.fusion();
        if (r == null || f == null) {
            throw new IllegalArgumentException("stage settings must be resolved (model card applied) before hashing");
        }
        StringBuilder s = new StringBuilder();
        line(s, "analysisMaxSide", config.analysisMaxSide());
        line(s, "refine.regionThreshold", r.regionThreshold());
        line(s, "refine.marginFraction", r.marginFraction());
        line(s, "refine.minMarginPixels", r.minMarginPixels());
        line(s, "refine.superpixels", r.superpixels());
        line(s, "refine.minSuperpixelArea", r.minSuperpixelArea());
        line(s, "refine.compactness", r.compactness());
        line(s, "refine.seedRule", r.seedRule().name());
        line(s, "refine.lesionSeedThreshold", r.lesionSeedThreshold());
        line(s, "refine.skinSeedThreshold", r.skinSeedThreshold());
        line(s, "refine.sigmaScale", r.sigmaScale());
        line(s, "refine.alpha", r.alpha());
        line(s, "refine.twoHop", r.twoHop());
        line(s, "refine.clampSeeds", r.clampSeeds());
        line(s, "fusion.globalWeight", f.globalWeight());
        line(s, "fusion.keepLargestComponent", f.keepLargestComponent());
        line(s, "fusion.fillHoles", f.fillHoles());
        // Listed only when on, so that every hash made before test-time augmentation existed holds.
        if (config.testTimeViews() != null && config.testTimeViews() > 1) {
            line(s, "fcn.testTimeViews", config.testTimeViews());
        }
        if (config.colourConstancy() != null) {
            // An override of the card's step; the card's own is part of the model version.
            line(s, "colourConstancy", config.colourConstancy());
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String name, Object value) {
        s.append(name).append('=').append(String.valueOf(value).toLowerCase(Locale.ROOT)).append('\n');
    }

    private static String hash(String text) {
        return Sha256.hex(text).substring(0, 16);
    }
}
