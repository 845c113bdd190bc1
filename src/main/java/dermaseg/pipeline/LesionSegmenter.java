package dermaseg.pipeline;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnModelCache;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.fusion.FusionConfig;
import dermaseg.image.ImageDecodeException;
import java.io.IOException;
import java.util.List;

/**
 * One dermoscopy image in, a lesion mask out: decode → FCN → superpixel fine-tuning → fusion and
 * Otsu → clean-up, with every intermediate map and per-stage timings in the result. No Spark
 * here; the Spark jobs run the same three stages ({@link GlobalStage}, {@link RefineStage},
 * {@link FusionStage}) as separate {@code mapPartitions} steps.
 *
 * <pre>{@code
 * try (LesionSegmenter segmenter = LesionSegmenter.builder().build()) {
 *     SegmentationResult r = segmenter.segment(Files.readAllBytes(path));
 *     Files.write(out, r.maskPng());
 * }
 * }</pre>
 *
 * <p>Not thread-safe (it holds one DJL predictor); give each thread its own segmenter. The model
 * itself is loaded once per JVM and shared ({@link FcnModelCache}).
 */
public final class LesionSegmenter implements AutoCloseable {
    private final GlobalStage global;
    private final RefineStage refine;
    private final FusionStage fusion;

    private LesionSegmenter(FcnModel model, SegmenterConfig config) {
        // The settings first: a card they cannot be read from must not leave a predictor open.
        this.refine = new RefineStage(CardSettings.refine(config, model.card()));
        this.fusion = new FusionStage(CardSettings.fusion(config, model.card()), config.descriptors(),
                CardSettings.uncertainty(model.card(), CardSettings.testTimeViews(config, model.card())));
        this.global = new GlobalStage(model, config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mask, its measurements and descriptors, and the stage outputs (as {@link Figures} draws them). */
    public SegmentationResult segment(byte[] encoded) throws ImageDecodeException, TranslateException {
        GlobalStage.Prepared prepared = global.prepare(encoded);
        GlobalStage.Output g = global.predict(List.of(prepared)).get(0);
        return fusion.fuse(refine.refine(g));
    }

    public ModelCard card() {
        return global.model().card();
    }

    public FusionConfig fusionConfig() {
        return fusion.config();
    }

    @Override
    public void close() {
        global.close();
    }

    /** Builder; defaults: the bundled model on the CPU, default settings. */
    public static final class Builder {
        private ModelLocation model = null;
        private Device device = Device.cpu();
        private SegmenterConfig config = SegmenterConfig.defaults();

        private Builder() {
        }

        public Builder model(ModelLocation v) {
            this.model = v;
            return this;
        }

        public Builder device(Device v) {
            this.device = v;
            return this;
        }

        public Builder config(SegmenterConfig v) {
            this.config = v;
            return this;
        }

        public LesionSegmenter build() throws IOException {
            ModelLocation location = model == null ? ModelLocation.bundled() : model;
            return new LesionSegmenter(FcnModelCache.get(location, device), config);
        }
    }
}
