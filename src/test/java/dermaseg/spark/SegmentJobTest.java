package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import dermaseg.image.MaskCodec;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The segment job end to end in local mode, on the bundled samples plus one bad file of each
 * kind: every input file becomes exactly one row, ground truth is joined where it exists, and an
 * independent reader (DuckDB) sees what the summary says.
 */
class SegmentJobTest extends SparkTestBase {
    @TempDir
    static Path work;
    static Path input;
    static Path masks;
    static Path output;
    static RunSummary summary;
    static final Map<String, String> BAD = Map.of(
            "empty", "empty",
            "random-bytes", "unsupported_format",
            "truncated", "truncated",
            "bomb", "too_large",
            "text", "unsupported_format");

    @BeforeAll
    static void runJob() throws Exception {
        input = Files.createDirectories(work.resolve("in/nested"));
        masks = Files.createDirectories(work.resolve("masks"));
        List<Path> images = Samples.images();
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            Files.copy(image, input.resolve(image.getFileName()));
            if (i >= 2) {  // the first two images have no ground truth
                Files.copy(Samples.maskOf(image), masks.resolve(Samples.maskOf(image).getFileName()));
            }
        }
        byte[] jpeg = Files.readAllBytes(images.get(0));
        Files.write(input.resolve("empty.jpg"), new byte[0]);
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        Files.write(input.resolve("random-bytes.jpg"), noise);
        Files.write(input.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.write(input.resolve("bomb.png"), Samples.pngHeaderClaiming(60000, 60000));
        Files.writeString(input.resolve("text.png"), "not an image at all\n");
        Files.writeString(input.resolve("README.txt"), "left out by the glob\n");
        Files.write(masks.resolve("orphan_segmentation.png"), Files.readAllBytes(Samples.maskOf(images.get(0))));
        // Another image's mask named <id>.png beside <id>_segmentation.png: the first pattern
        // wins, although "<id>.png" sorts first by path.
        Files.copy(Samples.maskOf(images.get(0)), masks.resolve(FileIds.imageId(images.get(2).toString()) + ".png"));

        output = work.resolve("out");
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs("--input", work.resolve("in").toString(), "--masks", masks.toString(),
                "--output", output.toString(), "--png", "--images-per-partition", "3", "--batch-size", "2");
        summary = SegmentJob.run(spark, options);
    }

    @Test
    void everyInputFileBecomesExactlyOneRow() {
        List<Row> rows = spark.read().parquet(output.resolve("masks").toString()).collectAsList();
        assertEquals(8 + BAD.size(), rows.size());
        assertEquals(rows.size(), summary.images);
        Map<String, Row> byId = new HashMap<>();
        for (Row r : rows) {
            byId.put(r.getAs("image_id"), r);
        }
        BAD.forEach((id, reason) -> {
            Row r = byId.get(id);
            assertNotNull(r, id + " has no row");
            assertEquals("error", r.getAs("status"), id);
            assertEquals(reason, r.getAs("error"), id);
            assertNull(r.getAs("mask_png"), id);
        });
        assertEquals(8L, summary.status.get("ok"));
        assertEquals((long) BAD.size(), summary.status.get("error"));
    }

    @Test
    void okRowsCarryAMaskOfTheImageSizeAndItsMeasurements() throws Exception {
        List<Row> ok = spark.read().parquet(output.resolve("masks").toString())
                .where("status = 'ok'").collectAsList();
        MaskCodec codec = new MaskCodec();
        for (Row r : ok) {
            BinaryMask mask = codec.decode(r.getAs("mask_png"));
            assertEquals((int) r.getAs("width"), mask.width());
            assertEquals((int) r.getAs("height"), mask.height());
            assertEquals((long) r.getAs("lesion_area"), mask.area());
            assertTrue((int) r.getAs("superpixel_count") > 0);
            assertEquals(summary.modelVersion, r.getAs("model_version"));
            assertEquals(summary.runId, r.getAs("run_id"));
            Path png = output.resolve("png").resolve(r.getAs("image_id") + ".png");
            assertTrue(Files.exists(png), png + " missing");
        }
    }

    @Test
    void groundTruthIsJoinedByIdWhereItExists() {
        List<Row> ok = spark.read().parquet(output.resolve("masks").toString())
                .where("status = 'ok'").orderBy("image_id").collectAsList();
        int withTruth = 0;
        for (Row r : ok) {
            if (r.getAs("ground_truth") != null) {
                withTruth++;
                assertTrue(((String) r.getAs("ground_truth")).endsWith(r.getAs("image_id") + "_segmentation.png"),
                        (String) r.getAs("ground_truth"));
                assertEquals("ok", r.getAs("ground_truth_status"));
            } else {
                assertNull(r.getAs("ground_truth_status"));
            }
        }
        assertEquals(6, withTruth);
        long metrics = spark.read().parquet(output.resolve("metrics").toString()).count();
        assertEquals(6 * 3, metrics, "fcn, superpixel and fused for each image with ground truth");
    }

    @Test
    void duckDbReadsTheSameCountsAndMeansAsTheSummary() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String masksGlob = output.resolve("masks").resolve("*.parquet").toString();
            String metricsGlob = output.resolve("metrics").resolve("*.parquet").toString();
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE status = 'ok') FROM read_parquet('"
                    + masksGlob + "')")) {
                rs.next();
                assertEquals(summary.images, rs.getLong(1));
                assertEquals(summary.status.get("ok"), rs.getLong(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT stage, avg(jaccard), count(*), avg(hd95_px), "
                    + "sum(tp_pixels) / sum(tp_pixels + fp_pixels + fn_pixels) FROM read_parquet('"
                    + metricsGlob + "') GROUP BY stage ORDER BY stage")) {
                int stages = 0;
                while (rs.next()) {
                    stages++;
                    String stage = rs.getString(1);
                    assertEquals(summary.meanMetrics.get(stage).get("jaccard"), rs.getDouble(2), 1e-12, stage);
                    assertEquals(6, rs.getLong(3));
                    assertEquals(summary.meanMetrics.get(stage).get("hd95_px"), rs.getDouble(4), 1e-9, stage);
                    assertEquals(summary.pooledMetrics.get(stage).get("jaccard"), rs.getDouble(5), 1e-12, stage);
                }
                assertEquals(3, stages);
            }
        }
    }

    @Test
    void overwriteKeepsThePreviousOutputWhenTheRunFailsBeforeItStarts() throws Exception {
        Path previous = Files.createDirectories(work.resolve("previous"));
        Path kept = Files.writeString(previous.resolve("summary.json"), "{}");
        String[][] failing = {
            {"--input", work.resolve("in").toString(), "--model", work.resolve("no-such-model").toString()},
            {"--input", work.resolve("no-such-input").toString()},
        };
        for (String[] args : failing) {
            SegmentOptions options = new SegmentOptions();
            new CommandLine(options).parseArgs(concat(args, "--output", previous.toString(), "--overwrite"));
            assertThrows(Exception.class, () -> SegmentJob.run(spark, options), String.join(" ", args));
            assertTrue(Files.exists(kept), "a failed run deleted the previous output: " + String.join(" ", args));
        }
    }

    @Test
    void anOutputInsideTheInputIsNeverReadBack() throws Exception {
        Path images = Files.createDirectories(work.resolve("nested/images"));
        Path masks = Files.createDirectories(work.resolve("nested/masks"));
        for (Path image : Samples.images().subList(0, 2)) {
            Files.copy(image, images.resolve(image.getFileName()));
            Files.copy(Samples.maskOf(image), masks.resolve(Samples.maskOf(image).getFileName()));
        }
        // The second run lists a folder that holds the first run's png/<id>.png masks.
        for (int run = 1; run <= 2; run++) {
            SegmentOptions options = new SegmentOptions();
            new CommandLine(options).parseArgs("--input", images.toString(), "--masks", masks.toString(),
                    "--output", images.resolve("out").toString(), "--png", "--overwrite");
            RunSummary nested = SegmentJob.run(spark, options);
            assertEquals(2, nested.images, "run " + run);
            assertEquals(Map.of("ok", 2L), nested.status, "run " + run);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void theModelIsLoadedOncePerExecutorNotPerPartition() {
        assertTrue(summary.partitions > 2, "the run must span several partitions to show anything");
        assertEquals(1, summary.modelLoadsPerExecutor.size());
        summary.modelLoadsPerExecutor.values().forEach(loads -> assertEquals(1, loads));
    }
}
