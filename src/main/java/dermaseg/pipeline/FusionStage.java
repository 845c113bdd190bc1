package dermaseg.pipeline;

import dermaseg.descriptors.DescriptorConfig;
import dermaseg.descriptors.LesionDescriber;
import dermaseg.descriptors.LesionDescriptors;
import dermaseg.fusion.Fusion;
import dermaseg.fusion.FusionConfig;
import dermaseg.fusion.MaskCleanup;
import dermaseg.fusion.OtsuThreshold;
import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.uncertainty.UncertaintyFeatures;
import dermaseg.uncertainty.UncertaintyModel;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Stage 3: fuse {@code P_g} and {@code P_l}, binarise with Otsu's threshold, take the fused map
 * back to the original size, clean up, measure (the ABCD descriptors and the uncertainty too,
 * when asked), and encode the mask. Stateless and thread-safe.
 *
 * <p>Otsu's threshold is computed on the fused map at analysis resolution and applied to the
 * map enlarged bilinearly to the original size: the border is then interpolated between
 * analysis pixels rather than blocky, and the histogram is the same one either way.
 */
public final class FusionStage {
    private final FusionConfig config;
    /** Null: masks only, as the tune command needs them (many fusions of one image, no descriptors). */
    private final LesionDescriber describer;
    /** Null: no uncertainty score (the model card has no fit, or masks only). */
    private final UncertaintyModel uncertainty;

    /** Masks only, no descriptors and no uncertainty. */
    public FusionStage(FusionConfig config) {
        this.config = config;
        this.describer = null;
        this.uncertainty = null;
    }

    /** Masks, their ABCD descriptors, and their uncertainty when {@code uncertainty} is not null. */
    public FusionStage(FusionConfig config, DescriptorConfig descriptors, UncertaintyModel uncertainty) {
        this.config = config;
        this.describer = new LesionDescriber(descriptors);
        this.uncertainty = uncertainty;
    }

    public FusionConfig config() {
        return config;
    }

    public SegmentationResult fuse(RefineStage.Output in) {
        long t0 = System.nanoTime();
        FloatMap global = in.global().toFloatMap();
        FloatMap local = in.local().toFloatMap();
        FloatMap fused = Fusion.fuse(global, local, config.globalWeight());
        float threshold = OtsuThreshold.of(fused);
        ImageGeometry image = in.geometry();
        BinaryMask mask = binarise(fused, threshold, image.originalWidth(), image.originalHeight(), config);
        long area = mask.area();
        int[] box = mask.boundingBox();
        double meanProbability = meanInside(global, mask);
        Double score = uncertainty == null ? null
                : uncertainty.score(features(global, local, mask, in.image(), in.viewDisagreement()));
        StageTimings timings = in.timings().copy().fusion(StageTimings.millisSince(t0));
        LesionDescriptors descriptors = null;
        if (describer != null) {
            long t1 = System.nanoTime();
            try (MatHandle bgr = in.image().toMat()) {
                descriptors = describer.describe(mask, box, bgr.mat());
            }
            timings.descriptors(StageTimings.millisSince(t1));
        }
        long t2 = System.nanoTime();
        byte[] png = MaskCodec.encodePng(mask);
        timings.encode(StageTimings.millisSince(t2));
        RefineStage.Output stages = new RefineStage.Output(in.image(), in.global(), in.local(),
                in.superpixelCount(), in.viewDisagreement(), timings, in.details());
        return new SegmentationResult(mask, png, threshold, area, box, meanProbability, score,
                config.globalWeight(), stages, descriptors);
    }

    /**
     * Threshold a map at analysis size, enlarged to the original size, then clean it up. All of
     * it runs on native images: only the final 8-bit mask reaches the Java heap, which matters
     * for images of tens of megapixels.
     */
    static BinaryMask binarise(FloatMap analysisMap, float threshold, int width, int height,
            FusionConfig config) {
        try (MatHandle map = analysisMap.toMat(); MatHandle full = MatHandle.empty();
                MatHandle mask = MatHandle.empty()) {
            Mat source = map.mat();
            if (analysisMap.width() != width || analysisMap.height() != height) {
                boolean shrinking = (long) width * height < (long) analysisMap.width() * analysisMap.height();
                Imgproc.resize(map.mat(), full.mat(), new Size(width, height), 0, 0,
                        shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
                source = full.mat();
            }
            Core.compare(source, new Scalar(threshold), mask.mat(), Core.CMP_GE);
            MaskCleanup.apply(mask.mat(), config);
            return BinaryMask.fromMat(mask.mat());
        }
    }

    /** The uncertainty signals of one fused image, at analysis resolution. */
    public static UncertaintyFeatures features(RefineStage.Output in, BinaryMask mask) {
        return features(in.global().toFloatMap(), in.local().toFloatMap(), mask, in.image(), in.viewDisagreement());
    }

    /** The same from maps already taken out of their quantised form, as fusion has them. */
    private static UncertaintyFeatures features(FloatMap global, FloatMap local, BinaryMask mask,
            AnalysisImage image, double viewDisagreement) {
        BinaryMask atAnalysis = mask.width() == global.width() && mask.height() == global.height()
                ? mask : mask.resizeNearest(global.width(), global.height());
        return UncertaintyFeatures.measure(global, local, atAnalysis, image.bgr(), viewDisagreement);
    }

    /** Mean of {@code map} over the mask's pixels, the mask taken to the map's size. */
    private static double meanInside(FloatMap map, BinaryMask mask) {
        BinaryMask m = mask.width() == map.width() && mask.height() == map.height()
                ? mask : mask.resizeNearest(map.width(), map.height());
        byte[] p = m.pixels();
        float[] d = map.data();
        double sum = 0;
        long n = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] != 0) {
                sum += d[i];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
