package dermaseg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ReportPlotsTest {
    @Test
    void plotsArePngsOfTheDocumentedSizeEvenForOneOrTwoImages() throws Exception {
        for (int n = 1; n <= 3; n++) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(0.5 + 0.1 * i);
            }
            Map<String, List<Double>> byStage = new LinkedHashMap<>();
            byStage.put("fcn", values);
            byStage.put("fused", values);
            assertSize(ReportPlots.boxPlot("t", "Jaccard", byStage));
            assertSize(ReportPlots.histogram("t", "Jaccard", byStage));
            assertSize(ReportPlots.differencePlot("t", "x", "y", Differences.of(values, values), "fused"));
            assertSize(ReportPlots.bars("t", "x", Bins.unit(values, 10), "descriptor"));
        }
    }

    @Test
    void binsAreHalfOpenExceptTheLastWhichHoldsAPerfectScore() {
        List<Integer> counts = ReportPlots.binCounts(List.of(0.0, 0.0999, 0.1, 0.65, 0.9, 1.0, -0.5, 1.5));
        assertEquals(List.of(3, 1, 0, 0, 0, 0, 1, 0, 0, 3), counts);
    }

    @Test
    void differencesNeedOneScoreAfterPerScoreBefore() {
        assertThrows(IllegalArgumentException.class, () -> Differences.of(List.of(0.1, 0.2), List.of(0.1)));
    }

    @Test
    void theDifferencePlotIsDrawnAboutZeroWithTheZeroLineInTheMiddle() throws Exception {
        // All differences zero (the old scatter's diagonal): the zero line must still be visible, centred.
        Differences none = Differences.of(List.of(0.5, 0.7), List.of(0.5, 0.7));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                ReportPlots.differencePlot("t", "x", "y", none, "fused")));
        int darkRows = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            int dark = 0;
            for (int x = image.getWidth() / 4; x < 3 * image.getWidth() / 4; x++) {
                int rgb = image.getRGB(x, y);
                dark += ((rgb >> 16) & 0xff) < 140 && ((rgb >> 8) & 0xff) < 140 && (rgb & 0xff) < 140 ? 1 : 0;
            }
            darkRows += dark > image.getWidth() / 3 ? 1 : 0;
        }
        assertTrue(darkRows >= 1, "a grey zero line across the plot");
    }

    @Test
    void stagesComeInTheGivenOrderAndEmptyOnesAreLeftOut() {
        Map<String, List<Double>> values = Map.of("fused", List.of(0.9), "fcn", List.of(0.8), "superpixel", List.of());
        assertEquals(List.of("fcn", "fused"),
                List.copyOf(ReportPlots.inOrder(List.of("fcn", "superpixel", "fused"), values).keySet()));
    }

    private static void assertSize(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(ReportPlots.WIDTH, image.getWidth());
        assertEquals(ReportPlots.HEIGHT, image.getHeight());
    }
}
