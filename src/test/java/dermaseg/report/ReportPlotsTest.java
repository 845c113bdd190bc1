package dermaseg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            assertSize(ReportPlots.scatter("t", "x", "y", values, values, "fused"));
        }
    }

    @Test
    void binsAreHalfOpenExceptTheLastWhichHoldsAPerfectScore() {
        List<Integer> counts = ReportPlots.binCounts(List.of(0.0, 0.0999, 0.1, 0.65, 0.9, 1.0, -0.5, 1.5));
        assertEquals(List.of(3, 1, 0, 0, 0, 0, 1, 0, 0, 3), counts);
    }

    @Test
    void scatterNeedsOneYPerX() {
        assertThrows(IllegalArgumentException.class,
                () -> ReportPlots.scatter("t", "x", "y", List.of(0.1, 0.2), List.of(0.1), "fused"));
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
