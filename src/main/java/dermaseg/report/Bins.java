package dermaseg.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Histogram bins: a label per bin (its lower edge, or its integer) and the count of values in it.
 * Every rule is fixed in advance or by the data's maximum alone, so the same values always give
 * the same bins.
 */
public record Bins(List<String> labels, List<Integer> counts) {
    public Bins {
        if (labels.size() != counts.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + counts.size() + " counts");
        }
        labels = List.copyOf(labels);
        counts = List.copyOf(counts);
    }

    /**
     * {@code n} bins {@code [b/n, (b+1)/n)} over [0, 1], the last closed so that a perfect 1.0 is
     * counted; values outside [0, 1] are clamped into the end bins.
     */
    public static Bins unit(List<Double> values, int n) {
        int[] counts = new int[n];
        for (double v : values) {
            counts[Math.max(0, Math.min(n - 1, (int) Math.floor(v * n)))]++;
        }
        List<String> labels = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            // One decimal place where it gives every edge exactly (tenths, fifths, halves), else two.
            labels.add(String.format(Locale.ROOT, 10 % n == 0 ? "%.1f" : "%.2f", (double) b / n));
        }
        return new Bins(labels, list(counts));
    }

    /** One bin per integer from {@code min} to {@code max}; values outside are clamped into the end bins. */
    public static Bins integers(List<Integer> values, int min, int max) {
        int[] counts = new int[max - min + 1];
        for (int v : values) {
            counts[Math.max(0, Math.min(max - min, v - min))]++;
        }
        List<String> labels = new ArrayList<>();
        for (int v = min; v <= max; v++) {
            labels.add(Integer.toString(v));
        }
        return new Bins(labels, list(counts));
    }

    /**
     * At most {@code n} bins of one round width (1, 2, 2.5 or 5 times a power of ten) from 0 to
     * past the largest value, for non-negative values such as a diameter; each bin
     * {@code [lower, lower + width)}, the last closed; negative values count in the first.
     */
    public static Bins fromZero(List<Double> values, int n) {
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double width = max > 0 ? roundWidth(max / n) : 1;
        int bins = Math.max(1, Math.min(n, (int) Math.ceil(max / width)));
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.max(0, Math.min(bins - 1, (int) Math.floor(v / width)))]++;
        }
        List<String> labels = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            labels.add(String.format(Locale.ROOT, width >= 1 ? "%.0f" : "%.2f", b * width));
        }
        return new Bins(labels, list(counts));
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code raw}. */
    static double roundWidth(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= raw * (1 - 1e-12)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static List<Integer> list(int[] counts) {
        List<Integer> out = new ArrayList<>(counts.length);
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }
}
