package dermaseg.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    // A small lesion half found (Jaccard 1/2) and a large one found perfectly (Jaccard 1).
    private static final ConfusionCounts SMALL = new ConfusionCounts(1, 1, 98, 0);
    private static final ConfusionCounts LARGE = new ConfusionCounts(100, 0, 900, 0);

    @Test
    void meanWeighsImagesPooledWeighsPixels() {
        MetricSummary s = MetricSummary.of(List.of(SMALL, LARGE));
        assertEquals(2, s.images());
        assertEquals(3.0 / 4, s.meanOverImages().jaccard(), 0);
        assertEquals(101.0 / 102, s.pooled().jaccard(), 0);
        assertEquals(new ConfusionCounts(101, 1, 998, 0), s.pooledCounts());
    }

    @Test
    void meanThresholdedJaccardThresholdsEachImage() {
        MetricSummary s = MetricSummary.of(List.of(SMALL, LARGE));
        // per image: 0 (1/2 is below 0.65) and 1; thresholding the mean 3/4 would give 3/4
        assertEquals(1.0 / 2, s.meanOverImages().thresholdedJaccard(), 0);
    }

    @Test
    void everyScoreIsAveraged() {
        SegmentationScores m = MetricSummary.of(List.of(SMALL, LARGE)).meanOverImages();
        SegmentationScores a = SegmentationScores.of(SMALL);
        SegmentationScores b = SegmentationScores.of(LARGE);
        assertEquals((a.dice() + b.dice()) / 2, m.dice(), 0);
        assertEquals((a.sensitivity() + b.sensitivity()) / 2, m.sensitivity(), 0);
        assertEquals((a.specificity() + b.specificity()) / 2, m.specificity(), 0);
        assertEquals((a.accuracy() + b.accuracy()) / 2, m.accuracy(), 0);
    }

    @Test
    void mergingPartialSummariesEqualsSummarisingAll() {
        ConfusionCounts third = new ConfusionCounts(30, 10, 50, 10);
        MetricSummary merged = MetricSummary.of(List.of(SMALL)).plus(MetricSummary.empty().add(LARGE).add(third));
        MetricSummary all = MetricSummary.of(List.of(SMALL, LARGE, third));
        assertEquals(all.images(), merged.images());
        assertEquals(all.meanOverImages(), merged.meanOverImages());
        assertEquals(all.pooledCounts(), merged.pooledCounts());
    }

    @Test
    void emptySummaryHasNoScores() {
        assertEquals(0, MetricSummary.empty().images());
        assertThrows(IllegalStateException.class, () -> MetricSummary.empty().meanOverImages());
        assertThrows(IllegalStateException.class, () -> MetricSummary.empty().pooled());
    }

    @Test
    void survivesJavaSerialisation() throws Exception {
        MetricSummary s = MetricSummary.of(List.of(SMALL, LARGE));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            MetricSummary back = (MetricSummary) in.readObject();
            assertEquals(s.meanOverImages(), back.meanOverImages());
            assertEquals(s.pooledCounts(), back.pooledCounts());
        }
    }
}
