package dermaseg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinsTest {
    @Test
    void unitBinsAreHalfOpenExceptTheLastAndLabelledByTheirLowerEdge() {
        Bins b = Bins.unit(List.of(0.0, 0.24, 0.25, 0.5, 0.99, 1.0), 4);
        assertEquals(List.of(2, 1, 1, 2), b.counts());
        assertEquals(List.of("0.00", "0.25", "0.50", "0.75"), b.labels());
        assertEquals(List.of("0.0", "0.5"), Bins.unit(List.of(), 2).labels());
    }

    @Test
    void integerBinsHaveOneBinPerValueAndClampTheRest() {
        Bins b = Bins.integers(List.of(0, 2, 2, 1, 7, -1), 0, 2);
        assertEquals(List.of("0", "1", "2"), b.labels());
        assertEquals(List.of(2, 1, 3), b.counts());
    }

    @Test
    void binsFromZeroHaveARoundWidthThatReachesTheMaximum() {
        Bins b = Bins.fromZero(List.of(0.0, 9.9, 10.0, 95.0, 30.0), 10);
        assertEquals(List.of("0", "10", "20", "30", "40", "50", "60", "70", "80", "90"), b.labels());
        assertEquals(List.of(2, 1, 0, 1, 0, 0, 0, 0, 0, 1), b.counts());
        Bins exact = Bins.fromZero(List.of(100.0, 1.0), 10);
        assertEquals(10, exact.counts().size(), "100 / 10 is exactly ten bins of 10");
        assertEquals(1, exact.counts().get(9), "the maximum in the last, closed bin");
        assertEquals(List.of("0.00", "0.25"), Bins.fromZero(List.of(0.3, 0.45), 2).labels(), "0.225 rounds to 0.25");
        assertEquals(List.of(1), Bins.fromZero(List.of(0.0), 10).counts(), "all zero: one bin");
    }

    @Test
    void roundWidthsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(10.0, Bins.roundWidth(9.5));
        assertEquals(2.5, Bins.roundWidth(2.1), 1e-12);
        assertEquals(0.05, Bins.roundWidth(0.031), 1e-12);
        assertEquals(100.0, Bins.roundWidth(100.0), 1e-9);
    }
}
