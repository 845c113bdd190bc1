package dermaseg.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.metrics.ConfusionCounts;
import dermaseg.pipeline.Ablation;
import dermaseg.uncertainty.UncertaintyFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossDeviceReportTest {
    private static final InferenceVariant PLAIN = new InferenceVariant(1, null);

    @TempDir
    Path dir;

    /** An image whose every variant has the given counts; its doubt rises as its Jaccard falls. */
    private static HeldOutImage image(String id, String group, long tp, long fp, long fn, double hd95) {
        Map<Ablation.Variant, ConfusionCounts> counts = new EnumMap<>(Ablation.Variant.class);
        Map<Ablation.Variant, Double> borders = new EnumMap<>(Ablation.Variant.class);
        for (Ablation.Variant v : Ablation.Variant.values()) {
            counts.put(v, new ConfusionCounts(tp, fp, 1000 - tp - fp - fn, fn));
            borders.put(v, hd95);
        }
        double jaccard = tp / (double) (tp + fp + fn);
        UncertaintyFeatures f = new UncertaintyFeatures(1 - jaccard, 0.5 * (1 - jaccard) + 0.01, 30,
                (tp + fp) / 1000.0);
        return new HeldOutImage(id, group, counts, borders, f, 1 - jaccard);
    }

    @Test
    void scoresSurviveTheirFileAndTheRowsArePerGroupAndPooled() throws Exception {
        List<HeldOutImage> a = new ArrayList<>();
        List<HeldOutImage> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.add(image("a" + i, "ga", 100 + 5 * i, 10, 20, 4 + i));
            b.add(image("b" + i, "gb", 50 + 5 * i, 30, 10, 10));
        }
        Path file = dir.resolve("scores.csv");
        HeldOutImage.write(a, file);
        List<HeldOutImage> read = HeldOutImage.read(file);
        assertEquals(a.size(), read.size());
        assertEquals(a.get(3).counts(), read.get(3).counts());
        assertEquals(a.get(3).features().fcnDoubt(), read.get(3).features().fcnDoubt(), 1e-6);

        Map<String, List<HeldOutImage>> byGroup = new LinkedHashMap<>();
        byGroup.put("ga", read);
        byGroup.put("gb", b);
        List<CrossDeviceReport.Row> rows = CrossDeviceReport.rows("cand", byGroup);
        assertEquals(List.of("ga", "gb", "pooled"), rows.stream().map(CrossDeviceReport.Row::group).toList());
        CrossDeviceReport.Row ga = rows.get(0);
        assertEquals(20, ga.images());
        assertEquals(10 * 20 / (20.0 * 20), ga.falseToMissed(), 1e-12, "pooled false over missed pixels");
        assertEquals(4 + 9.5, ga.fusedHd95(), 1e-12);
        // Pooled Jaccard over pixels: Σtp / (Σtp + Σfp + Σfn) = 2950 / (2950 + 200 + 400).
        assertEquals(2950.0 / 3550, ga.fusedPooledJaccard(), 1e-12);
        assertEquals(2950.0 / 3550, ga.fcnPooledJaccard(), 1e-12, "every variant has the same counts here");
        assertEquals(2950.0 / 3550, ga.superpixelPooledJaccard(), 1e-12);
        assertEquals(1.0, ga.foldFit().spearman(), 1e-12, "a fold score that is 1 − J ranks perfectly");
        assertTrue(ga.otherDevicesFit() != null, "fitted on the other group's 20 images");
        CrossDeviceReport.Row pooled = rows.get(2);
        assertEquals(40, pooled.images());
        assertEquals((10 * 20 + 30 * 20) / (20.0 * 20 + 10 * 20), pooled.falseToMissed(), 1e-12);

        List<CrossDeviceReport.Row> single = CrossDeviceReport.rows("cand", Map.of("ga", read));
        assertEquals(1, single.size(), "no pooled row for one group");
        assertNull(single.get(0).otherDevicesFit(), "no other device to fit on");
    }

    @Test
    void theTableAndAnOutOfFoldUncertaintyFitAreRecordedInACard() throws Exception {
        Path work = dir.resolve("work");
        DeviceFolds.Fold a = new DeviceFolds.Fold("ga", List.of(), List.of(), List.of());
        DeviceFolds.Fold b = new DeviceFolds.Fold("gb", List.of(), List.of(), List.of());
        List<HeldOutImage> ia = new ArrayList<>();
        List<HeldOutImage> ib = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ia.add(image("a" + i, "ga", 100 + 5 * i, 10, 20, 4));
            ib.add(image("b" + i, "gb", 50 + 5 * i, 30, 10, 10));
        }
        java.nio.file.Files.createDirectories(CrossDeviceValidation.foldFolder(work, "cand", a));
        java.nio.file.Files.createDirectories(CrossDeviceValidation.foldFolder(work, "cand", b));
        HeldOutImage.write(ia, CrossDeviceValidation.foldFolder(work, "cand", a).resolve(PLAIN.heldOutFile()));
        HeldOutImage.write(ib, CrossDeviceValidation.foldFolder(work, "cand", b).resolve(PLAIN.heldOutFile()));
        CrossDeviceReport report = CrossDeviceReport.of(work, List.of("cand"), List.of(a, b), InferenceVariant.of(List.of(1, 8), null));
        assertEquals(3, report.rows().size(), "no rows for views that were never scored");
        dermaseg.fcn.ModelCard tableOnly = new dermaseg.fcn.ModelCard();
        report.recordIn(tableOnly, "cand", "scripts/dermaseg cross-validate …", false);
        assertEquals(3, tableOnly.selection.crossDevice.rows.size());
        org.junit.jupiter.api.Assertions.assertNull(tableOnly.uncertainty, "the card's own fit is left as it was");
        dermaseg.fcn.ModelCard card = new dermaseg.fcn.ModelCard();
        report.recordIn(card, "cand", "scripts/dermaseg cross-validate …", true);
        assertEquals("cand", card.selection.crossDevice.candidate);
        assertEquals(3, card.selection.crossDevice.rows.size());
        assertEquals("pooled", card.selection.crossDevice.rows.get(2).get("group"));
        assertEquals(40.0, ((Number) card.selection.crossDevice.rows.get(2).get("images")).doubleValue());
        assertTrue(card.uncertainty.fittedOn.contains("40 held-out images of cand"), card.uncertainty.fittedOn);
        assertTrue(card.uncertainty.validation.get("crossValidatedSpearman") > 0.5,
                "doubt that falls with Jaccard ranks well: " + card.uncertainty.validation);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> report.recordIn(new dermaseg.fcn.ModelCard(), "cand+tta8", "x", true));
    }
}
