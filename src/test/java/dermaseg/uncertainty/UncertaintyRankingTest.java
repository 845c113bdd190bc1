package dermaseg.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UncertaintyRankingTest {
    @Test
    void aScoreThatOrdersImagesByTheirErrorHasRhoOneAndTheWorstOnTop() {
        double[] jaccards = new double[20];
        double[] scores = new double[20];
        for (int i = 0; i < 20; i++) {
            jaccards[i] = 0.5 + i * 0.02;
            scores[i] = 1 - jaccards[i];
        }
        UncertaintyRanking r = UncertaintyRanking.of(scores, jaccards);
        assertEquals(1.0, r.spearman(), 1e-12);
        assertEquals(2, r.topCount(), "a tenth of 20");
        assertEquals((0.50 + 0.52) / 2, r.topMeanJaccard(), 1e-12);
        double rest = 0;
        for (int i = 2; i < 20; i++) {
            rest += jaccards[i];
        }
        assertEquals(rest / 18, r.restMeanJaccard(), 1e-12);
        assertEquals(r.restMeanJaccard() - r.topMeanJaccard(), r.gap(), 1e-12);
    }

    @Test
    void aReversedScoreHasRhoMinusOne() {
        UncertaintyRanking r = UncertaintyRanking.of(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.2, 0.4, 0.6, 0.8});
        assertEquals(-1.0, r.spearman(), 1e-12);
        assertEquals(1, r.topCount(), "at least one image");
        assertEquals(0.8, r.topMeanJaccard(), 1e-12);
    }

    @Test
    void lengthsMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> UncertaintyRanking.of(new double[2], new double[3]));
    }
}
