package dermaseg.fcn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.translate.TranslateException;
import dermaseg.image.FloatMap;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trained lesion FCN loaded on one device, with its model card. Thread-safe for inference in
 * the DJL sense: the model is shared, and each thread or Spark task opens its own
 * {@link #newPredictor()} and closes it when done.
 *
 * <p>Loaded for inference only: the batch norms are folded into their convolutions at load
 * ({@link LesionFcn#foldBatchNorms()}), and the weight maps of any Hadamard attention units are
 * computed once ({@link LesionFcn#foldWeightMaps()}), which gives the same maps to rounding in
 * less time. The system property {@value #FOLD_PROPERTY}{@code =false} keeps both as trained, to
 * measure the difference
 * (e.g. {@code JDK_JAVA_OPTIONS=-Ddermaseg.fcn.foldBatchNorm=false scripts/bench pipeline ...}).
 */
public final class FcnModel implements AutoCloseable {
    public static final String ENGINE = "PyTorch";
    /** Set to {@code false} to load the network as trained: batch norms and weight maps unfolded. */
    public static final String FOLD_PROPERTY = "dermaseg.fcn.foldBatchNorm";
    private static final Pattern EPOCH = Pattern.compile("-(\\d{4})\\.params$");

    private final Model model;
    private final ModelCard card;
    private final ModelLocation location;
    private final Device device;

    private FcnModel(Model model, ModelCard card, ModelLocation location, Device device) {
        this.model = model;
        this.card = card;
        this.location = location;
        this.device = device;
    }

    /**
     * Loads the model at {@code location} onto {@code device}. Prefer
     * {@link FcnModelCache#get(ModelLocation, Device)}, which loads each model once per JVM.
     */
    public static FcnModel load(ModelLocation location, Device device) throws IOException {
        DjlRuntime.ensureOffline();
        NativeHeap.keepPagesForInference();
        ModelCard card = location.readCard();
        Model model = Model.newInstance(card.name, device, ENGINE);
        try {
            FcnConfig config = card.architecture.toConfig();
            LesionFcn network = LesionFcn.of(config);
            model.setBlock(network);
            model.load(location.folder(), parametersPrefix(card), parametersEpoch(card));
            if (Boolean.parseBoolean(System.getProperty(FOLD_PROPERTY, "true"))) {
                network.foldBatchNorms();
                network.foldWeightMaps();
            }
            if (card.architecture.flops == null) {
                // Cards written before the count existed (the first shipped model's among them).
                card.architecture.flops = ModelCard.Flops.of(FcnCost.of(config));
            }
            return new FcnModel(model, card, location, device);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new IOException("cannot load model from " + location + ": " + e.getMessage(), e);
        }
    }

    /** DJL names parameter files {@code <prefix>-<epoch>.params}; the card names the file. */
    static String parametersPrefix(ModelCard card) {
        String file = card.parametersFile;
        if (file == null || !file.endsWith(".params")) {
            throw new IllegalArgumentException("model card names no .params file");
        }
        return file.replaceFirst("(-\\d{4})?\\.params$", "");
    }

    /**
     * The epoch in the card's file name, as DJL's load option: without it DJL would load the
     * newest-numbered file in the folder, whichever the card names.
     */
    static Map<String, Object> parametersEpoch(ModelCard card) {
        Matcher m = EPOCH.matcher(card.parametersFile);
        return m.find() ? Map.of("epoch", Integer.parseInt(m.group(1))) : null;
    }

    public ModelCard card() {
        return card;
    }

    public ModelLocation location() {
        return location;
    }

    public Device device() {
        return device;
    }

    /**
     * The network with its parameters, to inspect or export; shared, so never to train (its
     * batch norms are folded, see the class comment, but its parameters are those trained).
     */
    public Block block() {
        return model.getBlock();
    }

    public int workingSize() {
        return card.architecture.workingSize;
    }

    /** Opens a predictor; the caller closes it (try-with-resources). */
    public Predictor<FcnInput, FloatMap> newPredictor() {
        return model.newPredictor(new FcnTranslator(), device);
    }

    /** Convenience for one-off use: a batch through a short-lived predictor. */
    public List<FloatMap> predict(List<FcnInput> batch) throws TranslateException {
        try (Predictor<FcnInput, FloatMap> predictor = newPredictor()) {
            return predictor.batchPredict(batch);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
