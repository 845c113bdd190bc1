package dermaseg.selection;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dermaseg.dataset.FolderPairSource;
import dermaseg.dataset.PairSource;
import dermaseg.dataset.TrainingPair;
import dermaseg.fcn.FcnModel;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.BoundaryScores;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.Ablation;
import dermaseg.pipeline.CardSettings;
import dermaseg.pipeline.FusionStage;
import dermaseg.pipeline.LesionSegmenter;
import dermaseg.pipeline.SegmentationResult;
import dermaseg.pipeline.SegmenterConfig;
import dermaseg.train.FcnTrainer;
import dermaseg.train.TrainConfig;
import dermaseg.uncertainty.UncertaintyFeatures;
import dermaseg.uncertainty.UncertaintyFit;
import dermaseg.uncertainty.UncertaintyModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cross-device validation: every candidate training recipe is trained once per
 * {@linkplain DeviceFolds fold} on the pairs of the devices the fold keeps, its epoch picked, its
 * fusion tuned and its uncertainty fitted on the fold's inner validation part, and then scored on
 * the device it held out, which no step saw. A fold's results are files in its own folder under
 * the work folder ({@code <candidate>/holdout-<group>/}): the model and its checkpoint, a marker
 * per finished step, the held-out images' scores and the stress set's, once for each
 * {@link InferenceVariant} asked for (the same model, only inference differs). A run that is killed
 * continues where it stopped when run again: training resumes from its last epoch's checkpoint,
 * a finished step is skipped, and a half-written file is never taken for a whole one.
 */
public final class CrossDeviceValidation {
    static final String TRAINED_MARKER = "trained.done";
    static final String TUNED_MARKER = "tuned.done";

    /** A training recipe under a name; the schedule is the run's, the same for every candidate. */
    public record Candidate(String name, TrainConfig training) {
        public Candidate {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("a candidate's name is a folder name of letters, digits, "
                        + "'.', '_' and '-', not '" + name + "'");
            }
        }
    }

    private final Path work;
    private final FolderPairSource pool;
    private final List<Candidate> candidates;
    private final List<DeviceFolds.Fold> folds;
    private final SettingsSweep.Grid grid;
    private final StressSet stress;
    private final List<InferenceVariant> variants;
    private final Consumer<String> log;

    public CrossDeviceValidation(Path work, FolderPairSource pool, List<Candidate> candidates,
            List<DeviceFolds.Fold> folds, SettingsSweep.Grid grid, StressSet stress, List<InferenceVariant> variants,
            Consumer<String> log) {
        if (candidates.isEmpty() || folds.isEmpty()) {
            throw new IllegalArgumentException("cross-device validation needs at least one candidate and one fold");
        }
        this.work = work;
        this.pool = pool;
        this.candidates = List.copyOf(candidates);
        this.folds = List.copyOf(folds);
        this.grid = grid;
        this.stress = stress;
        this.variants = List.copyOf(variants);
        this.log = log;
    }

    /** The folder of one candidate's fold. */
    public static Path foldFolder(Path work, String candidate, DeviceFolds.Fold fold) {
        return work.resolve(candidate).resolve(fold.name());
    }

    /** Runs (or continues) every fold of every candidate. */
    public void run() throws IOException, TranslateException {
        int step = 0;
        for (Candidate c : candidates) {
            for (DeviceFolds.Fold f : folds) {
                step++;
                log.accept(String.format(Locale.ROOT, "[%d/%d] %s, %s: learn %d, inner validation %d, held out %d",
                        step, candidates.size() * folds.size(), c.name(), f.name(), f.learn().size(),
                        f.innerValidation().size(), f.heldOut().size()));
                runFold(c, f);
            }
        }
    }

    private void runFold(Candidate c, DeviceFolds.Fold f) throws IOException, TranslateException {
        Path dir = foldFolder(work, c.name(), f);
        Path model = dir.resolve("model");
        Files.createDirectories(dir);
        PairSource learn = pool.only(f.learn(), f.name() + " learn");
        PairSource inner = pool.only(f.innerValidation(), f.name() + " inner validation");
        PairSource heldOut = pool.only(f.heldOut(), f.name() + " held out");
        if (!Files.exists(dir.resolve(TRAINED_MARKER))) {
            FcnTrainer trainer = new FcnTrainer(c.training(), line -> log.accept("  " + line));
            if (FcnTrainer.hasCheckpoint(model)) {
                trainer.resume(learn, inner, model);
            } else {
                trainer.train(learn, inner, model);
            }
            Files.writeString(dir.resolve(TRAINED_MARKER), LocalDate.now() + "\n");
        }
        ModelLocation location = ModelLocation.folder(model);
        if (!Files.exists(dir.resolve(TUNED_MARKER))) {
            tune(location, inner);
            fitUncertainty(location, inner);
            Files.writeString(dir.resolve(TUNED_MARKER), LocalDate.now() + "\n");
        }
        ModelCard card = location.readCard();
        UncertaintyModel uncertainty = CardSettings.uncertainty(card);
        for (InferenceVariant variant : variants) {
            SegmenterConfig settings = variant.apply(tunedSettings(card));
            Path scores = dir.resolve(variant.heldOutFile());
            String note = variant.suffix().isEmpty() ? "" : " (" + variant.suffix().substring(1) + ")";
            if (!Files.exists(scores)) {
                log.accept("  scoring the " + f.heldOut().size() + " held-out pairs" + note);
                HeldOutImage.write(score(location, settings, uncertainty, heldOut, f.heldOutGroup()), scores);
            }
            Path stressFile = dir.resolve(variant.stressFile());
            if (!Files.exists(stressFile)) {
                log.accept("  stress set: " + stress.describe() + note);
                try (LesionSegmenter segmenter = segmenter(location, settings)) {
                    StressSet.write(stress.run(segmenter, heldOut), stressFile);
                }
            }
        }
    }

    /**
     * The card's tuned settings, passed to the segmenter explicitly, because the JVM's model cache
     * may hold the card as it was before tuning.
     */
    private static SegmenterConfig tunedSettings(ModelCard card) {
        return SegmenterConfig.builder().refine(CardSettings.refine(SegmenterConfig.defaults(), card))
                .fusion(CardSettings.fusion(SegmenterConfig.defaults(), card)).build();
    }

    private void tune(ModelLocation location, PairSource inner) throws IOException, TranslateException {
        log.accept("  tuning " + grid.size() + " settings on the inner validation part");
        // Loaded apart from the JVM's model cache: the card changes below, and a cached model would
        // keep the old one.
        SettingsSweep.Maps maps;
        try (FcnModel fcn = FcnModel.load(location, Device.cpu())) {
            maps = SettingsSweep.Maps.of(fcn, inner);
        } catch (ImageDecodeException e) {
            throw new IOException("an inner validation pair does not decode: " + e.getMessage(), e);
        }
        SettingsSweep.Result sweep = SettingsSweep.run(grid, maps);
        log.accept("  best: " + sweep.best().describe());
        ModelCard card = location.readCard();
        sweep.record(card, inner.description());
        card.write(location.cardFile());
    }

    private void fitUncertainty(ModelLocation location, PairSource inner) throws IOException, TranslateException {
        ModelCard card = location.readCard();
        List<HeldOutImage> images = score(location, tunedSettings(card), null, inner, "inner");
        UncertaintyFit.Result fit;
        try {
            fit = UncertaintyFit.run(samples(images));
        } catch (IllegalArgumentException tooFew) {
            // A small corpus's inner part may hold too few scorable images: the fold is still
            // scored, its uncertainty columns left empty.
            log.accept("  uncertainty not fitted: " + tooFew.getMessage());
            return;
        }
        log.accept(String.format(Locale.ROOT, "  uncertainty fitted on %d inner validation images: cross-validated "
                + "rho %.3f", fit.fitted(), fit.crossValidated().spearman()));
        card.uncertainty = CardSettings.record(fit.model(), String.format(Locale.ROOT,
                "%s (%d pairs, %d fitted), %s, %d-fold cross-validated", inner.description(), images.size(),
                fit.fitted(), LocalDate.now(), UncertaintyFit.FOLDS), Map.of(
                        "crossValidatedSpearman", fit.crossValidated().spearman(),
                        "baselineSpearman", fit.baseline().spearman()));
        card.write(location.cardFile());
    }

    /** Uncertainty samples of scored images: their features and fused Jaccard. */
    static List<UncertaintyFit.Sample> samples(List<HeldOutImage> images) {
        List<UncertaintyFit.Sample> samples = new ArrayList<>();
        for (HeldOutImage i : images) {
            samples.add(new UncertaintyFit.Sample(i.id(), i.features(),
                    SegmentationScores.of(i.counts().get(Ablation.Variant.FUSED)).jaccard()));
        }
        return samples;
    }

    private static LesionSegmenter segmenter(ModelLocation location, SegmenterConfig settings) throws IOException {
        return LesionSegmenter.builder().model(location).config(settings).build();
    }

    /** Segments every pair with the given settings and scores it. */
    private List<HeldOutImage> score(ModelLocation location, SegmenterConfig settings, UncertaintyModel uncertainty,
            PairSource pairs, String group) throws IOException, TranslateException {
        MaskCodec masks = new MaskCodec();
        List<HeldOutImage> images = new ArrayList<>();
        try (LesionSegmenter segmenter = segmenter(location, settings)) {
            Iterator<TrainingPair> it = pairs.iterator(null);
            while (it.hasNext()) {
                TrainingPair pair = it.next();
                try {
                    BinaryMask truth = masks.decode(pair.mask());
                    SegmentationResult r = segmenter.segment(pair.image());
                    Map<Ablation.Variant, ConfusionCounts> counts = new EnumMap<>(Ablation.Variant.class);
                    Map<Ablation.Variant, Double> hd95 = new EnumMap<>(Ablation.Variant.class);
                    for (Map.Entry<Ablation.Variant, BinaryMask> e
                            : Ablation.masks(r, segmenter.fusionConfig()).entrySet()) {
                        counts.put(e.getKey(), ConfusionCounts.of(e.getValue(), truth));
                        hd95.put(e.getKey(), BoundaryScores.of(e.getValue(), truth).hd95());
                    }
                    UncertaintyFeatures features = FusionStage.features(r.stages(), r.mask());
                    double u = uncertainty == null ? Double.NaN : uncertainty.score(features);
                    images.add(new HeldOutImage(pair.id(), group, counts, hd95, features, u));
                } catch (ImageDecodeException e) {
                    log.accept("  not scored: " + pair.id() + ": " + e.reasonCode() + ": " + e.getMessage());
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        return images;
    }
}
