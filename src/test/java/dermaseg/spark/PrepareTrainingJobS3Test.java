package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.dataset.DatasetSnapshot;
import dermaseg.dataset.ShardPairSource;
import dermaseg.dataset.SplitRatios;
import dermaseg.dataset.TrainingPair;
import dermaseg.image.ImageDecoder;
import dermaseg.image.MatHandle;
import dermaseg.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * prepare-training from {@code s3a://} to {@code s3a://} against a real S3-compatible server, and
 * the trainer's shard reader streaming the result back with a Hadoop configuration of its own (no
 * Spark), as {@code dermaseg train --shards s3a://…} does.
 */
class PrepareTrainingJobS3Test extends SparkTestBase {
    @TempDir
    static Path work;
    static S3ProxyServer s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyServer.start(work, List.of("corpus", "datasets"));
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        s3.configure(conf);
        s3.uploadSamples(conf, "corpus", 3);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static PrepareSummary prepare() throws Exception {
        PrepareTrainingOptions options = new PrepareTrainingOptions();
        new CommandLine(options).parseArgs("--images", "s3a://corpus/images/", "--masks", "s3a://corpus/masks/",
                "--output", "s3a://datasets/prep", "--split", "train=0.5,validation=0.5", "--longer-side", "128");
        return PrepareTrainingJob.run(spark, options);
    }

    @Test
    void preparesOnS3AndTheTrainerStreamsTheShardsBack() throws Exception {
        PrepareSummary first = prepare();
        // ISIC_0001769 and ISIC_0003657 hash below 0.5, ISIC_0003582 above.
        assertEquals(Map.of("train", 2L, "validation", 1L, "test", 0L), first.accepted);
        assertTrue(Files.exists(s3.storage().resolve("datasets/prep/pairs/_delta_log/00000000000000000001.json")),
                "the table's log in the bucket");
        assertTrue(Files.exists(s3.storage().resolve("datasets/prep/summaries/" + first.runId + ".json")));

        Configuration trainer = new Configuration();
        s3.configure(trainer);
        DatasetSnapshot snapshot = DatasetSnapshot.read("s3a://datasets/prep", null, trainer);
        ShardPairSource train = ShardPairSource.of(snapshot, SplitRatios.TRAIN, trainer, 4);
        assertEquals(List.of("ISIC_0001769", "ISIC_0003657"), train.ids());
        train.shards().forEach(s -> assertTrue(s.startsWith("s3a://datasets/prep/pairs/split=train/"), s));
        List<String> read = new ArrayList<>();
        var pairs = train.iterator(7L);
        while (pairs.hasNext()) {
            TrainingPair p = pairs.next();
            read.add(p.id());
            try (MatHandle image = new ImageDecoder().decode(p.image())) {
                assertEquals(128, Math.max(image.width(), image.height()));
            }
        }
        assertEquals(train.ids(), read.stream().sorted().toList());

        PrepareSummary second = prepare();
        assertEquals(0, second.shardRowsWritten + second.rejectRowsWritten);
        assertEquals(first.tableVersion, second.tableVersion, "nothing committed");
    }
}
