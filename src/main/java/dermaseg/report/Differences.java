package dermaseg.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Per image, how a later stage's score differs from an earlier one's: the data of a difference
 * (Bland–Altman) plot. {@code means.get(i)} is the mean of the image's two scores,
 * {@code differences.get(i)} the later minus the earlier.
 */
public record Differences(List<Double> means, List<Double> differences, int better, int worse, int same,
        double meanDifference) {

    /** The smallest half-range of the value axis, so that differences of zero still show an axis. */
    static final double MIN_SPAN = 0.05;

    /** The differences of the pairs {@code (before.get(i), after.get(i))}. */
    public static Differences of(List<Double> before, List<Double> after) {
        if (before.size() != after.size()) {
            throw new IllegalArgumentException(before.size() + " scores before but " + after.size() + " after");
        }
        List<Double> means = new ArrayList<>(before.size());
        List<Double> differences = new ArrayList<>(before.size());
        int better = 0;
        int worse = 0;
        double sum = 0;
        for (int i = 0; i < before.size(); i++) {
            double d = after.get(i) - before.get(i);
            means.add((after.get(i) + before.get(i)) / 2);
            differences.add(d);
            better += d > 0 ? 1 : 0;
            worse += d < 0 ? 1 : 0;
            sum += d;
        }
        return new Differences(List.copyOf(means), List.copyOf(differences), better, worse,
                before.size() - better - worse, before.isEmpty() ? 0 : sum / before.size());
    }

    /** Half the value axis: the largest difference either way with a tenth to spare, at least {@link #MIN_SPAN}. */
    public double span() {
        double largest = differences.stream().mapToDouble(Math::abs).max().orElse(0);
        return Math.max(MIN_SPAN, 1.1 * largest);
    }
}
