package dermaseg.pipeline;

import dermaseg.image.MatHandle;
import dermaseg.refine.LocalMap;
import dermaseg.refine.RefineConfig;
import dermaseg.refine.SuperpixelRefiner;

/** Stage 2: superpixel fine-tuning, {@code P_g} → {@code P_l}. Stateless and thread-safe. */
public final class RefineStage {
    private final SuperpixelRefiner refiner;

    public RefineStage(RefineConfig config) {
        this.refiner = new SuperpixelRefiner(config);
    }

    /**
     * Both maps, with the image at analysis resolution: fusion measures the lesion's colours on
     * it (the ABCD descriptors), and figures draw it. {@code details} keeps the superpixels for
     * figures.
     */
    public record Output(AnalysisImage image, QuantizedMap global, QuantizedMap local,
            int superpixelCount, double viewDisagreement, StageTimings timings, LocalMap details) {

        /** The analysis and original sizes. */
        public ImageGeometry geometry() {
            return image.geometry();
        }
    }

    public Output refine(GlobalStage.Output in) {
        LocalMap local;
        try (MatHandle bgr = in.image().toMat()) {
            local = refiner.refine(bgr.mat(), in.global().toFloatMap());
        }
        StageTimings t = in.timings().copy()
                .superpixel(local.superpixelNanos() / 1e6)
                .ranking(local.rankingNanos() / 1e6);
        return new Output(in.image(), in.global(), QuantizedMap.of(local.map()),
                local.superpixelCount(), in.viewDisagreement(), t, local);
    }
}
