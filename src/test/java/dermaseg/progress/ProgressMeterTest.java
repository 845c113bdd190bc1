package dermaseg.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The meter's throttle and arithmetic, on a clock the test moves. */
class ProgressMeterTest {
    /** A clock that stands still until told to move. */
    private static final class FakeClock {
        long nanos = 1_000_000_000L;

        void advance(double seconds) {
            nanos += (long) (seconds * 1e9);
        }
    }

    private final FakeClock clock = new FakeClock();

    private ProgressMeter meter(long total) {
        return new ProgressMeter("segment", "images", total, 0.05, Duration.ofMinutes(1), () -> clock.nanos);
    }

    @Test
    void aLineForEveryFivePercentWithRateAndTimeLeft() {
        ProgressMeter m = meter(1000);
        clock.advance(10);
        assertEquals(Optional.empty(), m.update(49), "under 5%: nothing yet");
        assertEquals(Optional.of("segment: 50/1000 images (5%), 5.0 images/s, ETA 3m10s"), m.update(50));
        clock.advance(10);
        assertEquals(Optional.empty(), m.update(99), "the next step is at 100");
        assertEquals(Optional.of("segment: 100/1000 images (10%), 5.0 images/s, ETA 3m00s"), m.update(100));
        clock.advance(20);
        assertEquals(Optional.of("segment: 370/1000 images (37%), 9.3 images/s, ETA 1m08s"), m.update(370),
                "a jump over several steps is one line");
        assertEquals(Optional.empty(), m.update(370));
        assertEquals(Optional.empty(), m.update(399), "37% to 39.9% is still the 35% step");
    }

    @Test
    void aLineAtLeastOncePerMinuteEvenWithoutProgress() {
        ProgressMeter m = meter(1000);
        clock.advance(59);
        assertEquals(Optional.empty(), m.update(0));
        clock.advance(1);
        assertEquals(Optional.of("segment: 0/1000 images (0%), 0.0 images/s, ETA unknown"), m.update(0),
                "a minute since the start: a long first task still gets its line");
        clock.advance(30);
        assertEquals(Optional.empty(), m.update(10), "half a minute and under 5%");
        clock.advance(30);
        assertTrue(m.update(10).orElseThrow().startsWith("segment: 10/1000 images (1%)"));
    }

    @Test
    void theLastLineSaysHowLongItTookAndThenNothingMore() {
        ProgressMeter m = meter(8);
        clock.advance(2);
        assertEquals(Optional.of("segment: 1/8 images (12%), 0.5 images/s, ETA 14s"), m.update(1),
                "with fewer images than steps, every image is a step");
        clock.advance(3700);
        assertEquals(Optional.of("segment: 8/8 images (100%), 0.0 images/s, in 1h01m"), m.update(9),
                "a count past the total (a recomputed partition) is the total");
        clock.advance(3600);
        assertEquals(Optional.empty(), m.update(8), "done: no more lines, however long the run goes on");
    }

    @Test
    void nothingToCountIsNothingToSay() {
        ProgressMeter m = meter(0);
        clock.advance(3600);
        assertEquals(Optional.empty(), m.update(0));
        assertThrows(IllegalArgumentException.class,
                () -> new ProgressMeter("x", "images", 10, 0, Duration.ofMinutes(1), () -> 0L));
    }

    @Test
    void durationsAreAsPreciseAsAPersonNeeds() {
        assertEquals("0s", ProgressMeter.duration(0.4));
        assertEquals("59s", ProgressMeter.duration(59.4));
        assertEquals("1m00s", ProgressMeter.duration(59.6));
        assertEquals("59m59s", ProgressMeter.duration(3599));
        assertEquals("2h05m", ProgressMeter.duration(2 * 3600 + 5 * 60 + 59));
    }
}
