package dermaseg.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * The stages every metrics table scores, in pipeline order, each with the ablation variant whose
 * mask it scores. The one list of stage names: the segment job's scoring, the tables' schemas,
 * the evaluate job's summary and the report's plots all take them from here.
 */
public enum MetricStage {
    /** The FCN map at 0.5: the global stage on its own. */
    FCN("fcn", Ablation.Variant.FCN_HALF),
    /** The superpixel (local) map at its Otsu threshold. */
    SUPERPIXEL("superpixel", Ablation.Variant.SUPERPIXEL),
    /** The fused map: the pipeline's answer. */
    FUSED("fused", Ablation.Variant.FUSED);

    /** The names, in pipeline order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(MetricStage::id).toList();

    private final String id;
    private final Ablation.Variant variant;

    MetricStage(String id, Ablation.Variant variant) {
        this.id = id;
        this.variant = variant;
    }

    /** The name in the {@code stage} column of every metrics table. */
    public String id() {
        return id;
    }

    public Ablation.Variant variant() {
        return variant;
    }
}
