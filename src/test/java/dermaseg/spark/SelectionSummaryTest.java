package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SelectionSummaryTest {
    @Test
    void theSummarySaysWhenNothingWasSelectedInsteadOfPrintingNaN() {
        assertEquals("0 of 12 segmented images selected (12 already in training data); nothing to annotate",
                new SelectForAnnotationJob.Selection(12, 12, 0, Double.NaN, Double.NaN).summary());
        assertEquals("3 of 12 segmented images selected (0 already in training data); uncertainty 0.812 to 0.402",
                new SelectForAnnotationJob.Selection(12, 0, 3, 0.8123, 0.4019).summary());
    }
}
