package dermaseg.descriptors;

import java.util.ArrayList;
import java.util.List;

/**
 * Stolz's C: which of the six {@link DermoscopicColour}s the lesion shows, each counted when at
 * least {@value #MIN_SHARE} of its pixels (on the grid) have it. A twentieth, so that the ring of
 * pixels that straddle the border, half skin, and the odd JPEG fringe are not taken for a colour
 * of the lesion (a one-pixel ring is about 4% of a lesion 50 pixels across).
 *
 * @param fractions the share of the lesion's pixels of each colour, in {@link DermoscopicColour}
 *                  order; they sum to 1
 * @param present   the colours over {@value #MIN_SHARE}, in the same order
 */
public record Colours(List<Double> fractions, List<DermoscopicColour> present) {
    static final double MIN_SHARE = 0.05;

    public Colours {
        fractions = List.copyOf(fractions);
        present = List.copyOf(present);
    }

    /** The C score: the number of colours present, 1 to 6 (at least one colour has a sixth of the lesion). */
    public int score() {
        return present.size();
    }

    static Colours of(LesionGrid g) {
        DermoscopicColour[] all = DermoscopicColour.values();
        long[] counts = new long[all.length];
        long n = 0;
        float[] l = g.lab.l();
        float[] a = g.lab.a();
        float[] b = g.lab.b();
        for (int i = 0; i < g.lesion.length; i++) {
            if (g.lesion[i] != 0) {
                counts[DermoscopicColour.of(l[i], a[i], b[i]).ordinal()]++;
                n++;
            }
        }
        List<Double> fractions = new ArrayList<>(all.length);
        List<DermoscopicColour> present = new ArrayList<>();
        for (DermoscopicColour c : all) {
            double share = (double) counts[c.ordinal()] / n;
            fractions.add(share);
            if (share >= MIN_SHARE) {
                present.add(c);
            }
        }
        return new Colours(fractions, present);
    }
}
