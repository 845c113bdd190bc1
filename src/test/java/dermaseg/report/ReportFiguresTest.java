package dermaseg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFiguresTest {
    static ImageRow scored(String id, double fcn, double fused) {
        return new ImageRow(id, "scored", Map.of("fcn", new ImageRow.StageScores(fcn, 0.5, 2),
                "fused", new ImageRow.StageScores(fused, 0.6, 1)), null, 0.1,
                new ImageRow.Descriptors(1, 0.8, 0.5, 120.0, 3), null);
    }

    @Test
    void theDifferencePlotsDataIsFusedMinusFcnAgainstTheirMean() {
        List<ImageRow> rows = List.of(scored("a", 0.5, 0.7), scored("b", 0.8, 0.6), scored("c", 0.4, 0.4),
                new ImageRow("d", "no_ground_truth", Map.of(), null, 0.1, null, null));
        Differences d = ReportFigures.differences(rows);
        assertEquals(3, d.means().size(), "the unscored image is left out");
        assertEquals(0.6, d.means().get(0), 1e-12);
        assertEquals(0.2, d.differences().get(0), 1e-12);
        assertEquals(-0.2, d.differences().get(1), 1e-12);
        assertEquals(0.0, d.differences().get(2), 1e-12);
        assertEquals(1, d.better());
        assertEquals(1, d.worse());
        assertEquals(1, d.same());
        assertEquals(0.0, d.meanDifference(), 1e-12);
        assertEquals(0.22, d.span(), 1e-12, "symmetric, a tenth beyond the largest difference");
        assertEquals(Differences.MIN_SPAN, Differences.of(List.of(0.5), List.of(0.5)).span());
    }

    @Test
    void theUncertaintyHistogramIsThereOnlyWhenTheColumnIs() throws Exception {
        List<ImageRow> rows = List.of(scored("a", 0.5, 0.7));
        List<String> without = ReportFigures.plots(rows, false).stream().map(p -> p.plot().file()).toList();
        assertEquals(List.of("plots/jaccard-box.png", "plots/jaccard-histogram.png", "plots/fused-minus-fcn.png",
                "plots/boundary-f-box.png", "plots/descriptor-asymmetry.png", "plots/descriptor-compactness.png",
                "plots/descriptor-border-abruptness.png", "plots/descriptor-colours.png",
                "plots/descriptor-diameter.png"), without);
        List<ImageRow> uncertain = List.of(new ImageRow("a", "scored", rows.get(0).scores(), 0.4, 0.1, null, null));
        List<String> with = ReportFigures.plots(uncertain, true).stream().map(p -> p.plot().file()).toList();
        assertEquals(List.of("plots/jaccard-box.png", "plots/jaccard-histogram.png", "plots/fused-minus-fcn.png",
                "plots/boundary-f-box.png", "plots/uncertainty-histogram.png"), with, "no descriptors, no their plots");
    }
}
