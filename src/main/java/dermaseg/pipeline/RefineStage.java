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
     * Both maps, with the image's sizes but not its pixels: fusion reads no pixel.
     * {@code details} keeps the superpixels for figures.
     */
    public record Output(ImageGeometry geometry, QuantizedMap global, QuantizedMap local,
            int superpixelCount, StageTimings timings, LocalMap details) {
    }

    public Output refine(GlobalStage.Output in) {
        LocalMap local;
        try (MatHandle bgr = in.image().toMat()) {
            local = refiner.refine(bgr.mat(), in.global().toFloatMap());
        }
        StageTimings t = in.timings().copy()
                .superpixel(local.superpixelNanos() / 1e6)
                .ranking(local.rankingNanos() / 1e6);
        return new Output(in.image().geometry(), in.global(), QuantizedMap.of(local.map()),
                local.superpixelCount(), t, local);
    }
}
