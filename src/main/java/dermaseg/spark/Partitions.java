package dermaseg.spark;

/**
 * The one partition-count rule of every job that spreads images over executors: about
 * {@code perPartition} images each, the count rounded up to a whole number of waves over the
 * cluster's task slots, so that the last wave does not leave slots idle (15 partitions on 2 slots
 * would run the 15th alone), but never more partitions than images. An explicit count wins.
 */
final class Partitions {
    /** Spark handles this many partitions, but a listing this fragmented is a mistake. */
    private static final long MAX = 100_000;

    private Partitions() {
    }

    static int of(Integer explicit, long images, int perPartition, int slots) {
        if (explicit != null) {
            return explicit;
        }
        long byTarget = Math.max(1, (images + perPartition - 1) / perPartition);
        long waves = (byTarget + slots - 1) / slots;
        long rounded = Math.min(waves * slots, Math.max(1, images));
        return (int) Math.min(MAX, Math.max(byTarget, rounded));
    }
}
