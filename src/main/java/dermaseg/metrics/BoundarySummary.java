package dermaseg.metrics;

/**
 * Means of per-image {@link BoundaryScores} over a set of images, every image weighing the same.
 * Immutable. There is no pooled counterpart: a distance does not add up over images the way
 * pixel counts do.
 */
public final class BoundarySummary {
    private static final BoundarySummary EMPTY = new BoundarySummary(0, 0, 0, 0, 0, 0);

    private final long images;
    private final double hd95Sum;
    private final double hd95OfDiagonalSum;
    private final double assdSum;
    private final double assdOfDiagonalSum;
    private final double boundaryFSum;

    private BoundarySummary(long images, double hd95Sum, double hd95OfDiagonalSum, double assdSum,
            double assdOfDiagonalSum, double boundaryFSum) {
        this.images = images;
        this.hd95Sum = hd95Sum;
        this.hd95OfDiagonalSum = hd95OfDiagonalSum;
        this.assdSum = assdSum;
        this.assdOfDiagonalSum = assdOfDiagonalSum;
        this.boundaryFSum = boundaryFSum;
    }

    public static BoundarySummary empty() {
        return EMPTY;
    }

    /** This summary with one more image. */
    public BoundarySummary add(BoundaryScores s) {
        return new BoundarySummary(images + 1, hd95Sum + s.hd95(), hd95OfDiagonalSum + s.hd95OfDiagonal(),
                assdSum + s.assd(), assdOfDiagonalSum + s.assdOfDiagonal(), boundaryFSum + s.boundaryF());
    }

    public long images() {
        return images;
    }

    /** Mean HD95 in pixels: images of different sizes weigh their pixels differently; see {@link #meanHd95OfDiagonal}. */
    public double meanHd95() {
        return mean(hd95Sum);
    }

    /** Mean of each image's HD95 as a fraction of its diagonal: comparable across image sizes. */
    public double meanHd95OfDiagonal() {
        return mean(hd95OfDiagonalSum);
    }

    public double meanAssd() {
        return mean(assdSum);
    }

    public double meanAssdOfDiagonal() {
        return mean(assdOfDiagonalSum);
    }

    public double meanBoundaryF() {
        return mean(boundaryFSum);
    }

    private double mean(double sum) {
        if (images == 0) {
            throw new IllegalStateException("no images summarised");
        }
        return sum / images;
    }
}
