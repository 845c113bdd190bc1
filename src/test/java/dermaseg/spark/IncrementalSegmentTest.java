package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.image.MatHandle;
import dermaseg.io.Sha256;
import dermaseg.testing.DeltaFiles;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

/**
 * {@code segment --incremental}: one corpus run again and again as it changes, the tables read
 * back through Spark SQL and, independently, through Delta Kernel and DuckDB. The tests run in
 * order, each one a run over the corpus as the earlier ones left it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalSegmentTest extends SparkTestBase {
    @TempDir
    static Path work;
    static Path input;
    static Path masks;
    static Path output;
    static RunSummary first;
    static List<Path> samples;

    @BeforeAll
    static void firstRun() throws Exception {
        input = Files.createDirectories(work.resolve("corpus/day-1"));
        masks = Files.createDirectories(work.resolve("masks"));
        samples = Samples.images();
        for (Path image : samples.subList(0, 5)) {
            Files.copy(image, input.resolve(image.getFileName()));
            Files.copy(Samples.maskOf(image), masks.resolve(Samples.maskOf(image).getFileName()));
        }
        byte[] jpeg = Files.readAllBytes(samples.get(0));
        Files.write(input.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        output = work.resolve("out");
        first = run();
    }

    static RunSummary run(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--input", work.resolve("corpus").toString(),
                "--masks", masks.toString(), "--output", output.toString(), "--incremental",
                "--commit-every", "3", "--images-per-partition", "2", "--batch-size", "2"));
        args.addAll(List.of(more));
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return SegmentJob.run(spark, options);
    }

    /** Rows, distinct keys, and rows per status, through Spark SQL. */
    static Row counts() {
        return spark.sql(String.format(Locale.ROOT, "SELECT count(*), "
                + "count(DISTINCT image_id, model_version, settings_hash), count_if(status = 'ok') "
                + "FROM delta.`%s`", output.resolve("masks"))).first();
    }

    @Test
    @Order(1)
    void aFirstRunSegmentsEveryImageAndCommitsInBatches() {
        assertEquals(6, first.images);
        assertEquals(0, first.skipped);
        assertEquals(6, first.listed);
        assertEquals(Map.of("ok", 5L, "error", 1L), first.status);
        assertEquals(4, first.commits, "two batches of three, metrics then masks each");
        Row c = counts();
        assertEquals(6L, c.getLong(0));
        assertEquals(6L, c.getLong(1), "one row per key");
        long metrics = spark.read().format("delta").load(output.resolve("metrics").toString()).count();
        assertEquals(5 * 3, metrics, "three stages for each image with ground truth");
        long runs = spark.read().format("delta").load(output.resolve("runs").toString()).count();
        assertEquals(1, runs);
    }

    @Test
    @Order(2)
    void aSecondRunOverTheSameCorpusSegmentsNothing() throws Exception {
        RunSummary again = run();
        assertEquals(0, again.images, "nothing segmented");
        assertEquals(6, again.skipped, "the truncated file's error is final: skipped too");
        assertEquals(0, again.commits);
        System.out.printf(Locale.ROOT, "incremental re-run over an unchanged corpus: %.1f s, first run %.1f s "
                + "(ratio %.2f)%n", again.wallSeconds, first.wallSeconds, again.wallSeconds / first.wallSeconds);
        assertEquals(6L, counts().getLong(0));
    }

    @Test
    @Order(3)
    void newImagesAreExactlyWhatIsSegmented() throws Exception {
        // Ten new ids: the three samples not yet in the corpus, and seven others under new names.
        Path day2 = Files.createDirectories(work.resolve("corpus/day-2"));
        for (Path image : samples.subList(5, 8)) {
            Files.copy(image, day2.resolve(image.getFileName()));
        }
        for (int i = 0; i < 7; i++) {
            Files.copy(samples.get(i), day2.resolve("new-" + i + ".jpg"));
        }
        RunSummary grown = run();
        assertEquals(10, grown.images, "exactly the ten new images");
        assertEquals(6, grown.skipped);
        assertEquals(Map.of("ok", 10L), grown.status);
        Row c = counts();
        assertEquals(16L, c.getLong(0));
        assertEquals(16L, c.getLong(1));
    }

    @Test
    @Order(4)
    void aChangedFileReplacesItsRowAndATouchedOneCostsOnlyAHash() throws Exception {
        // The same picture saved again at another JPEG quality: the same size, other bytes.
        Path changed = input.resolve(samples.get(1).getFileName());
        byte[] otherBytes;
        try (MatHandle image = MatHandle.of(Imgcodecs.imread(changed.toString()));
                MatHandle buffer = MatHandle.of(new MatOfByte());
                MatHandle quality = MatHandle.of(new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 70))) {
            Imgcodecs.imencode(".jpg", image.mat(), (MatOfByte) buffer.mat(), (MatOfInt) quality.mat());
            otherBytes = ((MatOfByte) buffer.mat()).toArray();
        }
        Files.write(changed, otherBytes);
        Path touched = input.resolve(samples.get(2).getFileName());
        Files.setLastModifiedTime(touched, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        RunSummary r = run();
        assertEquals(1, r.images, "only the file whose bytes changed");
        assertEquals(2, r.hashed, "the changed file and the touched one were read to compare their bytes");
        String id = FileIds.imageId(changed.toString());
        List<Row> rows = spark.sql(String.format(Locale.ROOT, "SELECT content_hash, run_id FROM delta.`%s` "
                + "WHERE image_id = '%s'", output.resolve("masks"), id)).collectAsList();
        assertEquals(1, rows.size(), "replaced, not added beside");
        assertEquals(Sha256.hex(otherBytes), rows.get(0).getString(0));
        assertEquals(r.runId, rows.get(0).getString(1));
        assertEquals(3L, spark.sql(String.format(Locale.ROOT, "SELECT count(*) FROM delta.`%s` WHERE image_id = '%s'",
                output.resolve("metrics"), id)).first().getLong(0), "its metric rows replaced too");
        RunSummary after = run();
        assertEquals(0, after.images);
        assertEquals(0, after.hashed, "the touched file's new time was recorded: not read again");
    }

    @Test
    @Order(5)
    void errorsOfTheEnvironmentAreTriedAgainAndThoseOfTheInputAreNot() throws Exception {
        String id = FileIds.imageId(samples.get(3).toString());
        // As if inference had run out of memory for this image in an earlier run.
        spark.sql(String.format(Locale.ROOT, "UPDATE delta.`%s` SET status = 'error', error = 'inference_failed', "
                + "mask_png = NULL WHERE image_id = '%s'", output.resolve("masks"), id));
        RunSummary r = run();
        assertEquals(1, r.images);
        assertEquals(1, r.retried);
        assertEquals("ok", spark.sql(String.format(Locale.ROOT, "SELECT status FROM delta.`%s` WHERE image_id = '%s'",
                output.resolve("masks"), id)).first().getString(0));
        assertEquals(0, run().images);
        assertEquals(1, run("--retry", "truncated").images, "--retry names final reasons to try again");
    }

    @Test
    @Order(6)
    void twoFilesWithOneIdAreOneAmbiguousRowUntilOneIsGone() throws Exception {
        Path copy = Files.createDirectories(work.resolve("corpus/day-3")).resolve(samples.get(0).getFileName());
        Files.copy(samples.get(0), copy);
        String id = FileIds.imageId(copy.toString());
        assertEquals(1, run().images);
        Row row = spark.sql(String.format(Locale.ROOT, "SELECT status, error, error_detail FROM delta.`%s` "
                + "WHERE image_id = '%s'", output.resolve("masks"), id)).first();
        assertEquals("duplicate_id", row.getString(1));
        assertTrue(row.getString(2).contains("day-1") && row.getString(2).contains("day-3"), row.getString(2));
        Files.delete(copy);
        RunSummary resolved = run();
        assertEquals(1, resolved.images);
        assertEquals(Map.of("ok", 1L), resolved.status);
        Row c = counts();
        assertEquals(c.getLong(0), c.getLong(1));
    }

    @Test
    @Order(7)
    void aNewModelVersionAddsRowsBesideTheOldOnes() throws Exception {
        Path model = Files.createDirectories(work.resolve("model-v2"));
        ModelLocation bundled = ModelLocation.bundled();
        ModelCard card = bundled.readCard();
        Files.copy(bundled.folder().resolve(card.parametersFile), model.resolve(card.parametersFile));
        card.version = card.version + "-retrained";
        card.write(model.resolve(ModelCard.FILE_NAME));
        RunSummary v2 = run("--model", model.toString());
        assertEquals(16, v2.images, "every image, for the new model");
        assertEquals(0, v2.skipped);
        Row c = counts();
        assertEquals(32L, c.getLong(0));
        assertEquals(32L, c.getLong(1));
        assertEquals(2L, spark.sql(String.format(Locale.ROOT, "SELECT count(DISTINCT model_version) FROM delta.`%s`",
                output.resolve("masks"))).first().getLong(0));
        assertEquals(0, run().images, "the old model's rows are still complete");
    }

    @Test
    @Order(8)
    void anIndependentReaderSeesWhatSparkSees() throws Exception {
        Row spark = counts();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT (image_id, model_version, "
                        + "settings_hash)), count(*) FILTER (WHERE status = 'ok') FROM read_parquet("
                        + DeltaFiles.duckDbList(output.resolve("masks")) + ")")) {
            rs.next();
            assertEquals(spark.getLong(0), rs.getLong(1));
            assertEquals(spark.getLong(1), rs.getLong(2));
            assertEquals(spark.getLong(2), rs.getLong(3));
        }
    }

    @Test
    @Order(9)
    void theEvaluateJobReadsTheTablesOfTheLatestRunsModel() throws Exception {
        EvaluateOptions o = new EvaluateOptions();
        new CommandLine(o).parseArgs("--segment-output", output.toString(), "--masks", masks.toString(),
                "--report", work.resolve("report").toString(), "--gallery", "0");
        EvaluationSummary s = EvaluateJob.run(spark, o);
        assertEquals(16, s.images, "one row per image of the latest run's model, not of both models");
        assertEquals(Map.of("scored", 5L, "no_ground_truth", 10L, "segment_error", 1L), s.outcomes);
        assertEquals(Map.of("segment", 5L), s.origins, "the table's metrics are reused");
    }

    @Test
    @Order(10)
    void optionsThatContradictTheTableAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> run("--overwrite"));
        SegmentOptions folderOnly = new SegmentOptions();
        new CommandLine(folderOnly).parseArgs("--input", "x", "--output", "y", "--rehash");
        assertThrows(IllegalArgumentException.class, folderOnly::validate);
        assertNotEquals(0, first.settingsHash.length());
    }
}
