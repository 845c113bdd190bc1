package dermaseg.spark;

import dermaseg.commandline.OptionChecks;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * {@code --partitions} and {@code --images-per-partition}: how a job spreads its images over
 * tasks ({@link Partitions}' rule). Each job has its own target size, so the mixin is created
 * with it: {@code @Mixin PartitionOptions partitioning = new PartitionOptions(64);}.
 */
final class PartitionOptions {
    @Option(names = "--partitions", paramLabel = "N",
            description = "Partition count (default: from --images-per-partition).")
    Integer partitions;

    @Option(names = "--images-per-partition", paramLabel = "N",
            description = "Target images per partition; the count is rounded up to whole waves of task slots "
                    + "(default: ${DEFAULT-VALUE}).")
    int imagesPerPartition;

    PartitionOptions(int imagesPerPartition) {
        this.imagesPerPartition = imagesPerPartition;
    }

    void validate() {
        if (partitions != null) {
            OptionChecks.atLeast("--partitions", partitions, 1);
        }
        OptionChecks.atLeast("--images-per-partition", imagesPerPartition, 1);
    }

    /** The partition count for {@code images} images on this session's task slots. */
    int count(long images, SparkSession spark) {
        return Partitions.of(partitions, images, imagesPerPartition, spark.sparkContext().defaultParallelism());
    }
}
