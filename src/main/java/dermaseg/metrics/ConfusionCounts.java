package dermaseg.metrics;

import dermaseg.image.BinaryMask;
import java.io.Serializable;

/**
 * Pixel counts of a predicted mask against a ground-truth mask: true and false positives
 * (predicted lesion, truly lesion or skin), true and false negatives (predicted skin). Counts add,
 * so those of many images pool with {@link #plus}; Serializable so that Spark can ship them
 * between executors when it aggregates.
 */
public record ConfusionCounts(long tp, long fp, long tn, long fn) implements Serializable {
    public static final ConfusionCounts ZERO = new ConfusionCounts(0, 0, 0, 0);

    public ConfusionCounts {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("counts must not be negative: tp=" + tp + ", fp=" + fp
                    + ", tn=" + tn + ", fn=" + fn);
        }
    }

    /** Compares two masks of the same size pixel by pixel. */
    public static ConfusionCounts of(BinaryMask predicted, BinaryMask truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("predicted mask is " + predicted.width() + "x" + predicted.height()
                    + " but ground truth is " + truth.width() + "x" + truth.height()
                    + "; resize one to the other before comparing");
        }
        byte[] p = predicted.pixels();
        byte[] t = truth.pixels();
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < p.length; i++) {
            boolean predictedLesion = p[i] != 0;
            boolean lesion = t[i] != 0;
            if (predictedLesion) {
                if (lesion) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (lesion) {
                fn++;
            }
        }
        return new ConfusionCounts(tp, fp, p.length - tp - fp - fn, fn);
    }

    public ConfusionCounts plus(ConfusionCounts other) {
        return new ConfusionCounts(Math.addExact(tp, other.tp), Math.addExact(fp, other.fp),
                Math.addExact(tn, other.tn), Math.addExact(fn, other.fn));
    }

    /** Number of pixels counted. */
    public long total() {
        return tp + fp + tn + fn;
    }
}
