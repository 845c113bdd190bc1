package dermaseg.pipeline;

import dermaseg.fusion.FusionConfig;
import dermaseg.fusion.OtsuThreshold;
import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;
import java.util.EnumMap;
import java.util.Map;

/**
 * The masks each part of the method would give on its own, so that every evaluation shows what
 * the superpixel fine-tuning adds. All variants get the same clean-up (largest region, holes
 * filled) and are compared at the original resolution, so they differ only in the map and the
 * threshold.
 */
public final class Ablation {
    /** One way of turning maps into a mask. */
    public enum Variant {
        /** FCN map at the fixed threshold 0.5. */
        FCN_HALF("fcn@0.5"),
        /** FCN map at its own Otsu threshold. */
        FCN_OTSU("fcn+otsu"),
        /** Superpixel (local) map at its Otsu threshold. */
        SUPERPIXEL("superpixel"),
        /** The fused map at its Otsu threshold: the pipeline's answer. */
        FUSED("fused");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private Ablation() {
    }

    /** Every variant's mask for one image; {@code FUSED} is the result's own mask. */
    public static Map<Variant, BinaryMask> masks(SegmentationResult result, FusionConfig cleanup) {
        RefineStage.Output s = result.stages();
        int w = s.geometry().originalWidth();
        int h = s.geometry().originalHeight();
        FloatMap global = s.global().toFloatMap();
        FloatMap local = s.local().toFloatMap();
        Map<Variant, BinaryMask> masks = new EnumMap<>(Variant.class);
        masks.put(Variant.FCN_HALF, FusionStage.binarise(global, 0.5f, w, h, cleanup));
        masks.put(Variant.FCN_OTSU, FusionStage.binarise(global, OtsuThreshold.of(global), w, h, cleanup));
        masks.put(Variant.SUPERPIXEL, FusionStage.binarise(local, OtsuThreshold.of(local), w, h, cleanup));
        masks.put(Variant.FUSED, result.mask());
        return masks;
    }
}
