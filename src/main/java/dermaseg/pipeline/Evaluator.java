package dermaseg.pipeline;

import ai.djl.translate.TranslateException;
import dermaseg.dataset.PairSource;
import dermaseg.dataset.TrainingPair;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.BoundaryScores;
import dermaseg.metrics.BoundarySummary;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.MetricSummary;
import dermaseg.metrics.SegmentationScores;
import dermaseg.uncertainty.UncertaintyRanking;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs the pipeline over image/mask pairs and scores every ablation variant against the ground
 * truth at the mask's own resolution: the numbers behind the {@code evaluate} command, the
 * README's table and the end-to-end tests.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * One image's confusion counts and border distances per variant, its uncertainty (null
     * without a fit in the model card), and its timings.
     */
    public record ImageScores(String id, int width, int height, Map<Ablation.Variant, ConfusionCounts> counts,
            Map<Ablation.Variant, BoundaryScores> borders, Double uncertainty, StageTimings timings) {
    }

    /**
     * Per-image scores, per-variant summaries (overlap scores as means and pooled, border
     * distances as means), and the pairs that could not be scored.
     */
    public record Report(List<ImageScores> images, Map<Ablation.Variant, MetricSummary> summaries,
            Map<Ablation.Variant, BoundarySummary> borderSummaries, List<String> failures) {
    }

    /**
     * How well the images' uncertainty ranks them by their fused Jaccard; null when any image has
     * no uncertainty (a model card without a fit) or there are no images.
     */
    public static UncertaintyRanking uncertaintyRanking(List<ImageScores> images) {
        if (images.isEmpty() || images.stream().anyMatch(i -> i.uncertainty() == null)) {
            return null;
        }
        double[] scores = images.stream().mapToDouble(ImageScores::uncertainty).toArray();
        double[] jaccards = images.stream()
                .mapToDouble(i -> SegmentationScores.of(i.counts().get(Ablation.Variant.FUSED)).jaccard()).toArray();
        return UncertaintyRanking.of(scores, jaccards);
    }

    public static Report evaluate(LesionSegmenter segmenter, PairSource pairs) throws IOException {
        MaskCodec masks = new MaskCodec();
        List<ImageScores> images = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<Ablation.Variant, MetricSummary> summaries = new EnumMap<>(Ablation.Variant.class);
        Map<Ablation.Variant, BoundarySummary> borderSummaries = new EnumMap<>(Ablation.Variant.class);
        for (Ablation.Variant v : Ablation.Variant.values()) {
            summaries.put(v, MetricSummary.empty());
            borderSummaries.put(v, BoundarySummary.empty());
        }
        Iterator<TrainingPair> it = pairs.iterator(null);
        while (it.hasNext()) {
            TrainingPair pair = it.next();
            try {
                BinaryMask truth = masks.decode(pair.mask());
                SegmentationResult result = segmenter.segment(pair.image());
                if (result.width() != truth.width() || result.height() != truth.height()) {
                    failures.add(pair.id() + ": size_mismatch: image " + result.width() + "x" + result.height()
                            + ", mask " + truth.width() + "x" + truth.height());
                    continue;
                }
                Map<Ablation.Variant, ConfusionCounts> counts = new EnumMap<>(Ablation.Variant.class);
                Map<Ablation.Variant, BoundaryScores> borders = new EnumMap<>(Ablation.Variant.class);
                for (Map.Entry<Ablation.Variant, BinaryMask> e
                        : Ablation.masks(result, segmenter.fusionConfig()).entrySet()) {
                    ConfusionCounts c = ConfusionCounts.of(e.getValue(), truth);
                    BoundaryScores b = BoundaryScores.of(e.getValue(), truth);
                    counts.put(e.getKey(), c);
                    borders.put(e.getKey(), b);
                    summaries.put(e.getKey(), summaries.get(e.getKey()).add(c));
                    borderSummaries.put(e.getKey(), borderSummaries.get(e.getKey()).add(b));
                }
                images.add(new ImageScores(pair.id(), result.width(), result.height(), counts, borders,
                        result.uncertainty(), result.timings()));
            } catch (ImageDecodeException e) {
                failures.add(pair.id() + ": " + e.reasonCode() + ": " + e.getMessage());
            } catch (TranslateException e) {
                failures.add(pair.id() + ": inference_failed: " + e.getMessage());
            }
        }
        return new Report(images, summaries, borderSummaries, failures);
    }
}
