package dermaseg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageTableTest {
    /** An image scored only at the fused stage (null: not scored), with an uncertainty (or null). */
    static ImageRow row(String id, Double fusedJaccard, Double uncertainty) {
        Map<String, ImageRow.StageScores> scores = new LinkedHashMap<>();
        if (fusedJaccard != null) {
            scores.put("fcn", new ImageRow.StageScores(fusedJaccard - 0.1, 0.5, 3));
            scores.put("fused", new ImageRow.StageScores(fusedJaccard, 0.6, 2));
        }
        return new ImageRow(id, fusedJaccard == null ? "no_ground_truth" : "scored", scores, uncertainty, 0.2,
                null, id.equals("b") ? "gallery/b.png" : null);
    }

    static final List<ImageRow> ROWS = List.of(
            row("a", 0.9, 0.1), row("b", 0.3, 0.2), row("c", null, 0.95), row("d", 0.6, null), row("e", 0.3, 0.5));

    static List<String> ids(ImageTable t) {
        return t.rows().stream().map(ImageRow::imageId).toList();
    }

    @Test
    void withUncertaintyTheMostUncertainComeFirstAndImagesWithoutOneLast() {
        assertEquals(List.of("c", "e", "b", "a", "d"), ids(ImageTable.of(ROWS, true)));
    }

    @Test
    void withoutUncertaintyTheLowestFusedJaccardComesFirstTiesByIdAndUnscoredLast() {
        assertEquals(List.of("b", "e", "d", "a", "c"), ids(ImageTable.of(ROWS, false)));
    }

    @Test
    void theTableIsCutToItsLimitAndSaysOfHowMany() {
        List<ImageRow> many = new ArrayList<>();
        for (int i = 0; i < ImageTable.MAX_ROWS + 5; i++) {
            many.add(row(String.format("img%05d", i), 1.0 - i * 1e-4, null));
        }
        ImageTable t = ImageTable.of(many, false);
        assertEquals(ImageTable.MAX_ROWS, t.rows().size());
        assertEquals(ImageTable.MAX_ROWS + 5L, t.total());
        assertEquals(String.format("img%05d", ImageTable.MAX_ROWS + 4), t.rows().get(0).imageId(), "the worst");
    }

    @Test
    void theUncertaintyColumnIsShownOnlyWhenThereIsOneAndIdsLinkToTheirFigure() {
        StringBuilder with = new StringBuilder();
        ImageTable.of(ROWS, true).render(with);
        StringBuilder without = new StringBuilder();
        ImageTable.of(ROWS, false).render(without);
        assertTrue(with.toString().contains("<th>uncertainty</th>"));
        assertFalse(without.toString().contains("uncertainty</th>"));
        assertTrue(with.toString().contains("<a href=\"gallery/b.png\">b</a>"));
        assertFalse(with.toString().contains("href=\"gallery/a.png\""), "a has no figure");
        assertTrue(with.toString().contains("data-value=\"0.95\">0.950</td>"), with.toString());
    }
}
