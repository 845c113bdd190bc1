package dermaseg.cli;

import dermaseg.commandline.VersionProvider;
import dermaseg.dataset.FolderPairSource;
import dermaseg.dataset.TrainingPair;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.CardSettings;
import dermaseg.pipeline.FusionStage;
import dermaseg.pipeline.LesionSegmenter;
import dermaseg.pipeline.SegmentationResult;
import dermaseg.uncertainty.UncertaintyFeatures;
import dermaseg.uncertainty.UncertaintyFit;
import dermaseg.uncertainty.UncertaintyRanking;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dermaseg fit-uncertainty}: fits the per-image uncertainty score of a model on validation
 * pairs ({@link UncertaintyFit}), prints how well it ranks images by their error, cross-validated
 * and beside the baseline {@code 1 − mean_fcn_probability}, and with {@code --write-card} stores
 * it in the model card, where every later segmentation with that model finds it.
 */
@Command(name = "fit-uncertainty", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Fit the per-image uncertainty score of a model on validation data.")
final class FitUncertaintyCommand implements Callable<Integer> {
    @Mixin
    CardFitOptions validation;

    @Option(names = "--features-csv", paramLabel = "FILE",
            description = "Write every image's features and fused Jaccard here.")
    Path featuresCsv;

    @Override
    public Integer call() throws Exception {
        ModelLocation location = ModelLocation.folder(validation.model);
        FolderPairSource pairs = FolderPairSource.scan(validation.data);
        List<UncertaintyFit.Sample> samples = new ArrayList<>();
        MaskCodec masks = new MaskCodec();
        try (LesionSegmenter segmenter = LesionSegmenter.builder().model(location).build()) {
            Iterator<TrainingPair> it = pairs.iterator(null);
            while (it.hasNext()) {
                TrainingPair pair = it.next();
                try {
                    BinaryMask truth = masks.decode(pair.mask());
                    SegmentationResult r = segmenter.segment(pair.image());
                    UncertaintyFeatures f = FusionStage.features(r.stages(), r.mask());
                    double jaccard = SegmentationScores.of(ConfusionCounts.of(r.mask(), truth)).jaccard();
                    samples.add(new UncertaintyFit.Sample(pair.id(), f, jaccard));
                } catch (ImageDecodeException e) {
                    System.out.println("not used: " + pair.id() + ": " + e.reasonCode() + ": " + e.getMessage());
                }
            }
        }
        UncertaintyFit.Result fit = UncertaintyFit.run(samples);
        System.out.printf(Locale.ROOT, "%d images fitted, %d caught by a guard (scored 1, left out)%n",
                fit.fitted(), fit.guarded());
        print("uncertainty, 5-fold cross-validated", fit.crossValidated());
        print("baseline 1 - mean_fcn_probability", fit.baseline());
        print("uncertainty, fitted on all (in-sample)", fit.inSample());
        if (featuresCsv != null) {
            writeFeatures(samples, featuresCsv);
            System.out.println("features: " + featuresCsv);
        }
        if (validation.writeCard) {
            ModelCard card = location.readCard();
            card.uncertainty = CardSettings.record(fit.model(), String.format(Locale.ROOT,
                    "%s (%d pairs, %d fitted), %s, %d-fold cross-validated", pairs.description(), samples.size(),
                    fit.fitted(), LocalDate.now(), UncertaintyFit.FOLDS), figures(fit));
            card.write(location.cardFile());
            System.out.println("written to " + location.cardFile());
        }
        return 0;
    }

    private static void print(String what, UncertaintyRanking r) {
        System.out.printf(Locale.ROOT, "%-40s Spearman rho(score, 1 - Jaccard) %.3f; mean Jaccard of the %d most "
                + "uncertain %.3f, of the other %d %.3f (gap %.3f)%n", what + ":", r.spearman(), r.topCount(),
                r.topMeanJaccard(), r.images() - r.topCount(), r.restMeanJaccard(), r.gap());
    }

    private static Map<String, Double> figures(UncertaintyFit.Result fit) {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, "crossValidated", fit.crossValidated());
        put(m, "baseline", fit.baseline());
        put(m, "inSample", fit.inSample());
        return m;
    }

    private static void put(Map<String, Double> m, String prefix, UncertaintyRanking r) {
        m.put(prefix + "Spearman", r.spearman());
        m.put(prefix + "TopTenthMeanJaccard", r.topMeanJaccard());
        m.put(prefix + "RestMeanJaccard", r.restMeanJaccard());
    }

    private static void writeFeatures(List<UncertaintyFit.Sample> samples, Path file) throws Exception {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            w.println("image_id,fused_jaccard,fcn_doubt,map_disagreement,image_contrast,lesion_fraction");
            for (UncertaintyFit.Sample s : samples) {
                UncertaintyFeatures f = s.features();
                w.printf(Locale.ROOT, "%s,%.5f,%.6f,%.6f,%.3f,%.6f%n", s.id(), s.jaccard(), f.fcnDoubt(),
                        f.mapDisagreement(), f.imageContrast(), f.lesionFraction());
            }
        }
    }
}
