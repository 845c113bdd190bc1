package dermaseg.pipeline;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dermaseg.fcn.FcnInput;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.FcnPreprocessor;
import dermaseg.image.ColourConstancy;
import dermaseg.image.DecodeFailure;
import dermaseg.image.FloatMap;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageDecoder;
import dermaseg.image.MatHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Stage 1: decode and validate the bytes, shrink to the analysis size, and run the FCN in
 * batches. Holds one DJL predictor (so one per thread or Spark task): close it when done.
 */
public final class GlobalStage implements AutoCloseable {
    /** Channel standard deviation (8-bit levels) below which an image counts as blank. */
    static final double BLANK_STD = 2.0;

    private final FcnModel model;
    private final ImageDecoder decoder;
    private final int analysisMaxSide;
    private final TestTimeAugmentation augmentation;
    private final ColourConstancy colourConstancy;
    private final Predictor<FcnInput, FloatMap> predictor;

    public GlobalStage(FcnModel model, SegmenterConfig config) {
        this.model = model;
        this.decoder = new ImageDecoder(config.limits());
        this.analysisMaxSide = config.analysisMaxSide();
        this.augmentation = new TestTimeAugmentation(CardSettings.testTimeViews(config, model.card()));
        this.colourConstancy = config.colourConstancy() != null ? config.colourConstancy()
                : ColourConstancy.parse(model.card().colourConstancy);
        this.predictor = model.newPredictor();
    }

    /** A decoded image ready for the network. */
    public record Prepared(AnalysisImage image, FcnInput input, StageTimings timings) {
    }

    /**
     * The image with its global map {@code P_g} at analysis resolution, and how much the FCN's
     * test-time views disagreed on it (NaN with one view; see {@link TestTimeAugmentation}).
     */
    public record Output(AnalysisImage image, QuantizedMap global, double viewDisagreement, StageTimings timings) {
    }

    /** Decodes and validates; bad input becomes an {@link ImageDecodeException} with a reason. */
    public Prepared prepare(byte[] encoded) throws ImageDecodeException {
        long t0 = System.nanoTime();
        try (MatHandle original = decoder.decode(encoded)) {
            int w = original.width();
            int h = original.height();
            double scale = Math.min(1.0, (double) analysisMaxSide / Math.max(w, h));
            AnalysisImage image;
            if (scale < 1.0) {
                int aw = Math.max(1, (int) Math.round(w * scale));
                int ah = Math.max(1, (int) Math.round(h * scale));
                try (MatHandle small = MatHandle.empty()) {
                    Imgproc.resize(original.mat(), small.mat(), new Size(aw, ah), 0, 0, Imgproc.INTER_AREA);
                    colourConstancy.apply(small.mat());
                    image = AnalysisImage.of(small.mat(), w, h);
                }
            } else {
                colourConstancy.apply(original.mat());
                image = AnalysisImage.of(original.mat(), w, h);
            }
            float[] chw;
            try (MatHandle analysis = image.toMat()) {
                refuseBlank(analysis.mat());
                chw = FcnPreprocessor.toInput(analysis.mat(), model.workingSize());
            }
            FcnInput input = new FcnInput(chw, model.workingSize(), image.width(), image.height());
            return new Prepared(image, input, new StageTimings().decode(StageTimings.millisSince(t0)));
        }
    }

    /**
     * Refuses an image with no content, every channel's standard deviation below
     * {@link #BLANK_STD}: the FCN standardises its input per image, so on a uniform frame it
     * would amplify compression noise into a confident "lesion". Dermoscopy images have channel
     * deviations of tens of levels; JPEG noise on a flat frame stays below one.
     */
    static void refuseBlank(Mat bgr) throws ImageDecodeException {
        try (MatHandle mean = MatHandle.of(new MatOfDouble()); MatHandle std = MatHandle.of(new MatOfDouble())) {
            Core.meanStdDev(bgr, (MatOfDouble) mean.mat(), (MatOfDouble) std.mat());
            double largest = 0;
            for (double d : ((MatOfDouble) std.mat()).toArray()) {
                largest = Math.max(largest, d);
            }
            if (largest < BLANK_STD) {
                throw new ImageDecodeException(DecodeFailure.BLANK, String.format(Locale.ROOT,
                        "every pixel is within a level or two of one colour (largest channel deviation %.2f)",
                        largest));
            }
        }
    }

    /**
     * One forward pass for the whole batch (every test-time view of every image in it); maps are
     * averaged over the views and taken back to each analysis size.
     */
    public List<Output> predict(List<Prepared> batch) throws TranslateException {
        if (batch.isEmpty()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<FcnInput> inputs = new ArrayList<>(batch.size());
        for (Prepared p : batch) {
            inputs.add(p.input());
        }
        TestTimeAugmentation.Merged merged = augmentation.merge(predictor.batchPredict(augmentation.expand(inputs)));
        List<FloatMap> maps = merged.maps();
        List<Output> out = new ArrayList<>(batch.size());
        double sharedMs = StageTimings.millisSince(t0) / batch.size();
        for (int i = 0; i < batch.size(); i++) {
            long t1 = System.nanoTime();
            Prepared p = batch.get(i);
            FloatMap global = maps.get(i).resize(p.image().width(), p.image().height());
            QuantizedMap q = QuantizedMap.of(global);
            out.add(new Output(p.image(), q, merged.disagreement()[i],
                    p.timings().fcn(sharedMs + StageTimings.millisSince(t1))));
        }
        return out;
    }

    public FcnModel model() {
        return model;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
