package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The segment job against a real S3-compatible server on 127.0.0.1: images and masks uploaded
 * through S3A, read back by the job from {@code s3a://}, and Parquet written to {@code s3a://}.
 */
class SegmentJobS3Test extends SparkTestBase {
    @TempDir
    static Path work;
    static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start(work, List.of("corpus", "results"));
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        s3.configure(conf);
        FileSystem fs = s3.uploadSamples(conf, "corpus", 3);
        fs.create(new org.apache.hadoop.fs.Path("s3a://corpus/images/broken.jpg")).close();
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void readsImagesFromS3AndWritesParquetToS3() throws Exception {
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs("--input", "s3a://corpus/images/", "--masks", "s3a://corpus/masks/",
                "--output", "s3a://results/run1", "--png", "--images-per-partition", "2");
        RunSummary summary = SegmentJob.run(spark, options);

        assertEquals(4, summary.images);
        assertEquals(3L, summary.status.get("ok"));
        assertEquals(1L, summary.errors.get("empty"));
        assertEquals(3L, summary.groundTruth.get("ok"));
        assertEquals(3, summary.meanMetrics.size());

        assertEquals(4, spark.read().parquet("s3a://results/run1/masks").count());
        assertEquals(9, spark.read().parquet("s3a://results/run1/metrics").count());
        Path bucket = s3.storage().resolve("results");
        assertTrue(Files.exists(bucket.resolve("run1/summary.json")), "summary.json stored in the bucket");
        try (var pngs = Files.list(bucket.resolve("run1/png"))) {
            assertEquals(3, pngs.count());
        }
        String summaryJson = Files.readString(bucket.resolve("run1/summary.json"));
        assertFalse(summaryJson.contains(S3ProxyServer.SECRET_KEY), "credentials must never be written out");
    }
}
