package dermaseg.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Progress lines for a log, throttled: a line each time another step of the total is done (every
 * 5% say), or when a minute has passed since the last line, whichever comes first, so that a long
 * run says how far it is at least once a minute and a fast one does not flood its log. Each line
 * has the count, the rate so far and the time left at that rate:
 *
 * <pre>
 * segment: 250/1000 images (25%), 3.1 images/s, ETA 4m02s
 * segment: 1000/1000 images (100%), 3.0 images/s, in 5m33s
 * </pre>
 *
 * <p>It is told the count and reads the clock it was given, so a test can drive both. Safe to
 * update from several threads.
 */
public final class ProgressMeter {
    private final String label;
    private final String unit;
    private final long total;
    private final int steps;
    private final long maxSilenceNanos;
    private final LongSupplier nanoClock;
    private final long startedAt;
    private long lastLineAt;
    private int lastStep;
    private boolean finished;

    /**
     * @param label        what is counted, as the line starts ({@code segment})
     * @param unit         what one is, plural ({@code images})
     * @param total        how many there are to do
     * @param stepFraction a line each time this fraction of the total is done (0.05: every 5%)
     * @param maxSilence   and a line when this long has passed since the last one
     * @param nanoClock    {@link System#nanoTime} but in tests; the meter starts counting time now
     */
    public ProgressMeter(String label, String unit, long total, double stepFraction, Duration maxSilence,
            LongSupplier nanoClock) {
        if (total < 0 || !(stepFraction > 0 && stepFraction <= 1)) {
            throw new IllegalArgumentException("total must not be negative and the step in (0, 1]: " + total + ", "
                    + stepFraction);
        }
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.steps = (int) Math.round(1 / stepFraction);
        this.maxSilenceNanos = maxSilence.toNanos();
        this.nanoClock = nanoClock;
        this.startedAt = nanoClock.getAsLong();
        this.lastLineAt = startedAt;
    }

    /** A meter on the system clock that speaks at least once a minute. */
    public static ProgressMeter of(String label, String unit, long total, double stepFraction) {
        return new ProgressMeter(label, unit, total, stepFraction, Duration.ofMinutes(1), System::nanoTime);
    }

    /**
     * The line to log now that {@code done} are done, if one is due: another step reached, or the
     * longest silence over. Nothing after the line that reports the whole total, and nothing at
     * all for a total of 0: there is no progress to tell.
     */
    public synchronized Optional<String> update(long done) {
        if (finished || total == 0) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        long counted = Math.max(0, Math.min(done, total));
        int step = (int) (counted * steps / total);
        if (step <= lastStep && now - lastLineAt < maxSilenceNanos) {
            return Optional.empty();
        }
        lastStep = Math.max(lastStep, step);
        lastLineAt = now;
        finished = counted == total;
        return Optional.of(line(counted, now));
    }

    private String line(long done, long now) {
        double seconds = (now - startedAt) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long percent = done * 100 / total;
        String time;
        if (done == total) {
            time = "in " + duration(seconds);
        } else if (done == 0) {
            time = "ETA unknown";
        } else {
            time = "ETA " + duration((total - done) / rate);
        }
        return String.format(Locale.ROOT, "%s: %d/%d %s (%d%%), %.1f %s/s, %s", label, done, total, unit, percent,
                rate, unit, time);
    }

    /** {@code 42s}, {@code 4m02s}, {@code 1h05m}: as precise as a person needs. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
