package dermaseg.selection;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import dermaseg.fcn.ModelCard;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.MetricSummary;
import dermaseg.pipeline.Ablation;
import dermaseg.pipeline.CardSettings;
import dermaseg.uncertainty.UncertaintyFit;
import dermaseg.uncertainty.UncertaintyModel;
import dermaseg.uncertainty.UncertaintyRanking;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures that models are chosen by, from the files a {@link CrossDeviceValidation} left: per
 * candidate and held-out device group, and pooled over the groups, the fused, FCN@0.5 and
 * superpixel Jaccard (mean over images; fused also pooled over pixels), the fused mask's mean
 * HD95 and its false/missed lesion pixel ratio, and how well uncertainty ranks failures; then the
 * stress set's mean Jaccard drop per change.
 *
 * <p>Uncertainty is given three ways: the fold's own fit (on its inner validation part, the
 * device mix it trained on), a fit on the other folds' held-out images (out-of-fold predictions
 * of devices other than the one it is scored on, so it never sees the device it ranks), and the
 * baseline {@code 1 − mean FCN probability}, which needs no fit.
 */
public final class CrossDeviceReport {
    public static final String MARKDOWN_FILE = "cross-device.md";
    public static final String JSON_FILE = "cross-device.json";
    static final String POOLED = "pooled";

    /** One candidate's figures on one held-out group (or pooled over them). */
    public record Row(String candidate, String group, int images, double fusedJaccard, double fusedPooledJaccard,
            double fcnJaccard, double fcnPooledJaccard, double superpixelJaccard, double superpixelPooledJaccard,
            double fusedHd95, double falseToMissed,
            UncertaintyRanking foldFit, UncertaintyRanking otherDevicesFit, UncertaintyRanking baseline) {
    }

    /** One candidate's stress set: mean fused Jaccard clean and its drop under each change. */
    public record Stress(String candidate, int images, double cleanJaccard, Map<String, Double> drops) {
    }

    private final List<Row> rows;
    private final List<Stress> stress;
    /** Every scored candidate's held-out images, by candidate as the table names it. */
    private final Map<String, List<HeldOutImage>> heldOut;

    private CrossDeviceReport(List<Row> rows, List<Stress> stress, Map<String, List<HeldOutImage>> heldOut) {
        this.rows = List.copyOf(rows);
        this.stress = List.copyOf(stress);
        this.heldOut = Map.copyOf(heldOut);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Stress> stress() {
        return stress;
    }

    /** Reads every fold's files of every candidate; a fold not scored yet is left out of the table. */
    public static CrossDeviceReport of(Path work, Collection<String> candidates, List<DeviceFolds.Fold> folds,
            List<InferenceVariant> variants) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Stress> stress = new ArrayList<>();
        Map<String, List<HeldOutImage>> heldOut = new LinkedHashMap<>();
        for (String trained : candidates) {
            for (InferenceVariant variant : variants) {
                read(work, trained, variant, folds, rows, stress, heldOut);
            }
        }
        return new CrossDeviceReport(rows, stress, heldOut);
    }

    private static void read(Path work, String trained, InferenceVariant variant, List<DeviceFolds.Fold> folds,
            List<Row> rows,
            List<Stress> stress, Map<String, List<HeldOutImage>> heldOut) throws IOException {
        String candidate = variant.name(trained);
        Map<String, List<HeldOutImage>> byGroup = new LinkedHashMap<>();
        List<StressSet.Score> stressScores = new ArrayList<>();
        for (DeviceFolds.Fold fold : folds) {
            Path dir = CrossDeviceValidation.foldFolder(work, trained, fold);
            Path scores = dir.resolve(variant.heldOutFile());
            if (Files.exists(scores)) {
                byGroup.put(fold.heldOutGroup(), HeldOutImage.read(scores));
            }
            Path stressFile = dir.resolve(variant.stressFile());
            if (Files.exists(stressFile)) {
                stressScores.addAll(StressSet.read(stressFile));
            }
        }
        rows.addAll(rows(candidate, byGroup));
        List<HeldOutImage> all = new ArrayList<>();
        byGroup.values().forEach(all::addAll);
        heldOut.put(candidate, all);
        if (!stressScores.isEmpty()) {
            stress.add(stress(candidate, stressScores));
        }
    }

    static List<Row> rows(String candidate, Map<String, List<HeldOutImage>> byGroup) {
        List<Row> rows = new ArrayList<>();
        List<HeldOutImage> all = new ArrayList<>();
        List<Double> allOther = new ArrayList<>();
        for (Map.Entry<String, List<HeldOutImage>> e : byGroup.entrySet()) {
            List<HeldOutImage> images = e.getValue();
            List<Double> other = otherDevicesScores(e.getKey(), byGroup);
            rows.add(row(candidate, e.getKey(), images, other));
            all.addAll(images);
            if (other != null && allOther != null) {
                allOther.addAll(other);
            } else {
                allOther = null;
            }
        }
        if (byGroup.size() > 1) {
            rows.add(row(candidate, POOLED, all, allOther));
        }
        return rows;
    }

    /**
     * The uncertainty of {@code group}'s images under a fit on every other group's held-out images;
     * null when there is no other group, or too few of its images to fit.
     */
    private static List<Double> otherDevicesScores(String group, Map<String, List<HeldOutImage>> byGroup) {
        List<HeldOutImage> others = new ArrayList<>();
        byGroup.forEach((g, images) -> {
            if (!g.equals(group)) {
                others.addAll(images);
            }
        });
        if (others.isEmpty()) {
            return null;
        }
        UncertaintyModel model;
        try {
            model = UncertaintyFit.run(CrossDeviceValidation.samples(others)).model();
        } catch (IllegalArgumentException tooFew) {
            return null;
        }
        List<Double> scores = new ArrayList<>();
        for (HeldOutImage i : byGroup.get(group)) {
            scores.add(model.score(i.features()));
        }
        return scores;
    }

    private static Row row(String candidate, String group, List<HeldOutImage> images, List<Double> otherFit) {
        Map<Ablation.Variant, MetricSummary> summaries = new LinkedHashMap<>();
        for (Ablation.Variant v : Ablation.Variant.values()) {
            MetricSummary s = MetricSummary.empty();
            for (HeldOutImage i : images) {
                s = s.add(i.counts().get(v));
            }
            summaries.put(v, s);
        }
        MetricSummary fused = summaries.get(Ablation.Variant.FUSED);
        double hd95 = images.stream().mapToDouble(i -> i.hd95().get(Ablation.Variant.FUSED)).average().orElse(Double.NaN);
        ConfusionCounts pooled = fused.pooledCounts();
        double falseToMissed = pooled.fn() == 0 ? Double.NaN : (double) pooled.fp() / pooled.fn();
        double[] jaccards = CrossDeviceValidation.samples(images).stream().mapToDouble(UncertaintyFit.Sample::jaccard)
                .toArray();
        double[] fold = images.stream().mapToDouble(HeldOutImage::foldUncertainty).toArray();
        double[] baseline = images.stream().mapToDouble(i -> i.features().fcnDoubt()).toArray();
        MetricSummary fcn = summaries.get(Ablation.Variant.FCN_HALF);
        MetricSummary superpixel = summaries.get(Ablation.Variant.SUPERPIXEL);
        return new Row(candidate, group, images.size(), fused.meanOverImages().jaccard(), fused.pooled().jaccard(),
                fcn.meanOverImages().jaccard(), fcn.pooled().jaccard(), superpixel.meanOverImages().jaccard(),
                superpixel.pooled().jaccard(), hd95, falseToMissed,
                ranking(fold, jaccards),
                otherFit == null ? null : ranking(otherFit.stream().mapToDouble(Double::doubleValue).toArray(), jaccards),
                ranking(baseline, jaccards));
    }

    private static UncertaintyRanking ranking(double[] scores, double[] jaccards) {
        for (double s : scores) {
            if (Double.isNaN(s)) {
                return null;
            }
        }
        return scores.length == 0 ? null : UncertaintyRanking.of(scores, jaccards);
    }

    static Stress stress(String candidate, List<StressSet.Score> scores) {
        Map<String, Double> means = StressSet.meanJaccards(scores);
        double clean = means.get("clean");
        Map<String, Double> drops = new LinkedHashMap<>();
        means.forEach((k, v) -> {
            if (!k.equals("clean")) {
                drops.put(k, clean - v);
            }
        });
        int images = (int) scores.stream().filter(s -> s.perturbation().equals("clean")).count();
        return new Stress(candidate, images, clean, drops);
    }

    /** The two tables, as the README and the model card's selection quote them. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| candidate | held out | images | fused J (pooled) | FCN@0.5 J (pooled) | superpixel J (pooled) "
                + "| HD95 px | false/missed | ρ fold fit (gap) | ρ other-device fit (gap) | ρ baseline (gap) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %.4f (%.4f) | %.4f (%.4f) | %.4f (%.4f) | %.1f | %.2f | %s | %s | %s |%n",
                    r.candidate(), r.group(), r.images(), r.fusedJaccard(), r.fusedPooledJaccard(), r.fcnJaccard(),
                    r.fcnPooledJaccard(), r.superpixelJaccard(), r.superpixelPooledJaccard(), r.fusedHd95(),
                    r.falseToMissed(), rank(r.foldFit()), rank(r.otherDevicesFit()), rank(r.baseline())));
        }
        if (!stress.isEmpty()) {
            List<String> keys = new ArrayList<>(stress.get(0).drops().keySet());
            b.append("\n| candidate | images | clean J |");
            keys.forEach(k -> b.append(' ').append(k).append(" |"));
            b.append("\n|---|---|---|");
            keys.forEach(k -> b.append("---|"));
            b.append('\n');
            for (Stress s : stress) {
                b.append(String.format(Locale.ROOT, "| %s | %d | %.4f |", s.candidate(), s.images(), s.cleanJaccard()));
                keys.forEach(k -> b.append(String.format(Locale.ROOT, " %+.4f |",
                        -s.drops().getOrDefault(k, Double.NaN))));
                b.append('\n');
            }
        }
        return b.toString();
    }

    private static String rank(UncertaintyRanking r) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.2f (%.2f)", r.spearman(), r.gap());
    }

    /**
     * Records the tables in {@code card}'s selection, naming {@code candidate} as the row whose
     * recipe made the model; with {@code fitUncertainty}, also the uncertainty fitted on every
     * held-out image of {@code candidate} pooled over its folds: out-of-fold predictions of devices
     * that the fitted models never saw, where a fit on one validation split knows a single device mix.
     */
    public void recordIn(ModelCard card, String candidate, String command, boolean fitUncertainty) {
        List<HeldOutImage> images = heldOut.get(candidate);
        if (images == null || images.isEmpty()) {
            throw new IllegalArgumentException("no held-out scores of candidate '" + candidate + "'; the table has "
                    + heldOut.keySet());
        }
        if (card.selection == null) {
            card.selection = new ModelCard.Selection();
        }
        ModelCard.CrossDevice c = new ModelCard.CrossDevice();
        c.command = command;
        c.candidate = candidate;
        Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
        Type asMap = new TypeToken<Map<String, Object>>() { }.getType();
        rows.forEach(r -> c.rows.add(gson.fromJson(gson.toJson(r), asMap)));
        stress.forEach(s -> c.stress.add(gson.fromJson(gson.toJson(s), asMap)));
        card.selection.crossDevice = c;
        if (!fitUncertainty) {
            return;
        }
        UncertaintyFit.Result fit = UncertaintyFit.run(CrossDeviceValidation.samples(images));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("crossValidatedSpearman", fit.crossValidated().spearman());
        figures.put("crossValidatedTopTenthMeanJaccard", fit.crossValidated().topMeanJaccard());
        figures.put("crossValidatedRestMeanJaccard", fit.crossValidated().restMeanJaccard());
        figures.put("baselineSpearman", fit.baseline().spearman());
        card.uncertainty = CardSettings.record(fit.model(), String.format(Locale.ROOT,
                "the %d held-out images of %s's device folds (%d fitted), out of fold, %s", images.size(), candidate,
                fit.fitted(), LocalDate.now()), figures);
    }

    /** Writes the tables as Markdown and the figures as JSON into {@code work}. */
    public void write(Path work) throws IOException {
        Files.writeString(work.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", rows);
        json.put("stress", stress);
        Files.writeString(work.resolve(JSON_FILE), new GsonBuilder().setPrettyPrinting()
                .serializeSpecialFloatingPointValues().create().toJson(json), StandardCharsets.UTF_8);
    }
}
