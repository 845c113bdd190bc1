package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.dataset.DatasetLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Inputs that list nothing are taken for a mistake (a mistyped prefix, a mount not there): the
 * jobs refuse them after listing, naming what they listed, and write nothing; with
 * {@code --allow-empty} they run as on any corpus, but evaluate refuses the empty run that makes.
 */
class EmptyCorpusTest extends SparkTestBase {
    @TempDir
    Path work;

    private static SegmentOptions segment(String... args) {
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    /** A folder with a file that is not an image, so only the glob makes it empty. */
    private Path folderWithoutImages(String name) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        return folder;
    }

    @Test
    void anEmptyListingIsRefusedAndNothingIsWritten() throws Exception {
        Path empty = folderWithoutImages("empty");
        for (String mode : List.of("--overwrite", "--incremental")) {
            Path output = work.resolve("out" + mode);
            SegmentOptions options = segment("--input", empty.toString(), "--output", output.toString(), mode);
            EmptyCorpusException e = assertThrows(EmptyCorpusException.class, () -> SegmentJob.run(spark, options));
            assertEquals("no images under " + empty + " match --glob " + GlobOption.DEFAULT_GLOB
                    + "; nothing written (--allow-empty runs on an empty corpus)", e.getMessage());
            assertFalse(Files.exists(output), mode + ": nothing written, not even the tables");
        }

        Path masks = folderWithoutImages("masks");
        Path dataset = work.resolve("dataset");
        PrepareTrainingOptions prepare = new PrepareTrainingOptions();
        new CommandLine(prepare).parseArgs("--images", empty.toString(), "--masks", masks.toString(),
                "--output", dataset.toString());
        EmptyCorpusException e = assertThrows(EmptyCorpusException.class, () -> PrepareTrainingJob.run(spark, prepare));
        assertTrue(e.getMessage().startsWith("no images under " + empty + " match --glob "), e.getMessage());
        assertTrue(e.getMessage().contains("and no masks under " + masks), e.getMessage());
        assertFalse(Files.exists(dataset), "no dataset.json, no table, no summary");
    }

    @Test
    void allowEmptyRunsOnAnEmptyCorpus() throws Exception {
        Path empty = folderWithoutImages("empty");
        Path output = work.resolve("out");
        RunSummary s = SegmentJob.run(spark, segment("--input", empty.toString(), "--output", output.toString(),
                "--allow-empty"));
        assertEquals(0, s.images);
        assertTrue(Files.exists(output.resolve("summary.json")), "a finished run of no images");
        assertEquals(0, spark.read().parquet(output.resolve("masks").toString()).count());
        EvaluateOptions evaluate = new EvaluateOptions();
        Path report = work.resolve("report");
        new CommandLine(evaluate).parseArgs("--segment-output", output.toString(), "--masks",
                Files.createDirectories(work.resolve("truth")).toString(), "--report", report.toString());
        EmptyCorpusException nothing = assertThrows(EmptyCorpusException.class, () -> EvaluateJob.run(spark, evaluate));
        assertEquals("the segment output " + output + " holds no images; no report written", nothing.getMessage());
        assertFalse(Files.exists(report), "a report of nothing is not written");

        Path masks = Files.createDirectories(work.resolve("masks"));
        Path dataset = work.resolve("dataset");
        PrepareTrainingOptions prepare = new PrepareTrainingOptions();
        new CommandLine(prepare).parseArgs("--images", empty.toString(), "--masks", masks.toString(),
                "--output", dataset.toString(), "--allow-empty");
        PrepareSummary p = PrepareTrainingJob.run(spark, prepare);
        assertEquals(0, p.pairsSeen);
        assertNull(p.tableVersion, "nothing to commit, so no table");
        DatasetLayout layout = new DatasetLayout(dataset.toString());
        assertFalse(Files.exists(Path.of(layout.parametersFile())), "a dataset's parameters come with its first pairs");
        assertFalse(Files.exists(Path.of(layout.pairsTable())));
        assertTrue(Files.exists(dataset.resolve("prepare-summary.json")), "but the run is recorded");
    }
}
