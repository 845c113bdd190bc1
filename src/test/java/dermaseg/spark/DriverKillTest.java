package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.testing.ChildJvm;
import dermaseg.testing.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The fast fault test of the suite ({@code scripts/check-faults} has the rest): the incremental
 * segment job in its own JVM, killed with SIGKILL once its first batch is committed, then the
 * same command again. Nothing committed is segmented again, and the table ends with exactly one
 * row per input.
 */
class DriverKillTest extends SparkTestBase {
    @TempDir
    static Path work;

    @Test
    void aKilledRunIsContinuedByTheSameCommand() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        List<Path> images = Samples.images();
        for (Path image : images) {
            Files.copy(image, input.resolve(image.getFileName()));
        }
        Path output = work.resolve("out");
        String[] command = {"--input", input.toString(), "--output", output.toString(), "--incremental",
            "--commit-every", "1", "--batch-size", "1"};

        Process driver = ChildJvm.start(SegmentJob.class, work.resolve("driver.log"), command);
        Path firstBatch = output.resolve("masks/_delta_log/00000000000000000001.json");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(firstBatch) && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(firstBatch), "no batch committed: " + Files.readString(work.resolve("driver.log")));
        System.out.printf("killed after %.1f s%n", (System.nanoTime() - deadline + Duration.ofMinutes(3).toNanos()) / 1e9);
        driver.destroyForcibly().waitFor();

        long committed = rows(output);
        assertTrue(committed >= 1 && committed < images.size(), "killed mid-run: " + committed + " rows");
        SegmentOptions again = new SegmentOptions();
        new CommandLine(again).parseArgs(command);
        RunSummary rerun = SegmentJob.run(spark, again);
        System.out.printf("re-run %.1f s%n", rerun.wallSeconds);
        assertEquals(images.size() - committed, rerun.images, "what was committed is not segmented again");
        Row c = spark.sql(String.format(Locale.ROOT, "SELECT count(*), count(DISTINCT image_id, model_version, "
                + "settings_hash), count_if(status = 'ok') FROM delta.`%s`", output.resolve("masks"))).first();
        assertEquals(images.size(), c.getLong(0), "one row per input");
        assertEquals(images.size(), c.getLong(1));
        assertEquals(images.size(), c.getLong(2));
    }

    @Test
    void anOverwriteKilledMidRunLeavesThePreviousOutputWhole() throws Exception {
        Path input = Files.createDirectories(work.resolve("overwrite-in"));
        for (Path image : Samples.images().subList(0, 4)) {
            Files.copy(image, input.resolve(image.getFileName()));
        }
        Path output = work.resolve("overwrite-out");
        String[] command = {"--input", input.toString(), "--output", output.toString(), "--overwrite",
            "--batch-size", "1", "--images-per-partition", "1"};
        SegmentOptions first = new SegmentOptions();
        new CommandLine(first).parseArgs(command);
        RunSummary previous = SegmentJob.run(spark, first);
        String summary = Files.readString(output.resolve("summary.json"));

        Process driver = ChildJvm.start(SegmentJob.class, work.resolve("overwrite.log"), command);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (driver.isAlive() && replacing(output).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(driver.isAlive(), "the run ended before it began to write: "
                + Files.readString(work.resolve("overwrite.log")));
        driver.destroyForcibly().waitFor();
        assertEquals(summary, Files.readString(output.resolve("summary.json")), "the previous output is untouched");
        assertEquals(previous.images, spark.read().parquet(output.resolve("masks").toString()).count());

        RunSummary again = SegmentJob.run(spark, first);
        assertEquals(4, again.images);
        List<Row> runs = spark.read().parquet(output.resolve("masks").toString()).select("run_id").distinct()
                .collectAsList();
        assertEquals(List.of(again.runId), runs.stream().map(r -> r.getString(0)).toList(),
                "replaced, once the new output was complete");
        assertTrue(replacing(output).isEmpty(), "the killed run's half-written replacement is gone");
    }

    /** Hidden siblings of {@code output} that a replacing run writes into. */
    private static List<Path> replacing(Path output) throws IOException {
        try (Stream<Path> s = Files.list(output.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith("_" + output.getFileName() + ".replac")).toList();
        }
    }

    private static long rows(Path output) {
        return spark.read().format("delta").load(output.resolve("masks").toString()).count();
    }
}
