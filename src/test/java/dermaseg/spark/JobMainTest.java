package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.commandline.ExitCodes;
import dermaseg.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import scala.Option;

/**
 * The jobs' {@code main} as a user meets it, in this JVM: what a wrong command line prints and
 * exits with, and that no Spark session is started for it (the session costs ten seconds and a
 * page of log); the version; a failure's one line and its exit code.
 */
class JobMainTest {
    @TempDir
    Path work;

    /** What a run printed and returned. */
    private record Run(int exitCode, String out, List<String> err) {
    }

    /** {@link JobMain#execute}, with stdout and stderr captured. */
    private static Run execute(Object options, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = JobMain.execute(options, args);
            return new Run(code, stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aMissingInputIsAUsageErrorBeforeAnySparkSession() {
        // The suite shares one JVM: another class may have started its session before this one.
        Option<SparkSession> defaultBefore = SparkSession.getDefaultSession();
        Option<SparkSession> activeBefore = SparkSession.getActiveSession();

        Run run = execute(new SegmentOptions(), "--input", "/no/such", "--output", "x");

        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().size() <= 3, "a message, not a page: " + run.err());
        assertEquals("segment: --input /no/such does not exist", run.err().get(0));
        assertEquals("", run.out(), "nothing on stdout");
        assertEquals(defaultBefore, SparkSession.getDefaultSession(), "no session was started");
        assertEquals(activeBefore, SparkSession.getActiveSession());
        if (defaultBefore.isEmpty()) {
            assertTrue(SparkSession.getDefaultSession().isEmpty());
        }
    }

    @Test
    void pathsAreCheckedBeforeSparkStartsForEveryJob() throws Exception {
        Path existing = Files.createDirectories(work.resolve("existing"));
        String images = Samples.ROOT.resolve("images").toString();
        String masks = Samples.ROOT.resolve("masks").toString();

        Run output = execute(new SegmentOptions(), "--input", images, "--output", existing.toString());
        assertEquals(ExitCodes.USAGE, output.exitCode());
        assertEquals("segment: --output " + existing + " exists; pass --overwrite to replace it", output.err().get(0));

        Run model = execute(new SegmentOptions(), "--input", images, "--output", work.resolve("new").toString(),
                "--model", existing.toString());
        assertEquals("segment: --model " + existing + " holds no model-card.json", model.err().get(0));

        Run groundTruth = execute(new SegmentOptions(), "--input", images, "--masks", "/no/masks", "--output",
                work.resolve("new").toString());
        assertEquals("segment: --masks /no/masks does not exist", groundTruth.err().get(0));

        Run prepare = execute(new PrepareTrainingOptions(), "--images", images + ",/no/images", "--masks", masks,
                "--output", existing.toString());
        assertEquals(ExitCodes.USAGE, prepare.exitCode());
        assertEquals("prepare-training: --images /no/images does not exist", prepare.err().get(0));

        Run notARun = execute(new EvaluateOptions(), "--segment-output", existing.toString(), "--masks", masks,
                "--report", work.resolve("report").toString());
        assertEquals(ExitCodes.USAGE, notARun.exitCode());
        assertEquals("evaluate: no masks/ under " + existing + ": not a segment run's output", notARun.err().get(0));

        Files.createDirectories(existing.resolve("masks"));
        Run report = execute(new EvaluateOptions(), "--segment-output", existing.toString(), "--masks", masks,
                "--report", existing.toString());
        assertTrue(report.err().get(0).startsWith("evaluate: --report " + existing + " must be outside"),
                report.err().toString());
    }

    @Test
    void versionNamesTheBuildAndTheShippedModelWithoutSpark() {
        Option<SparkSession> before = SparkSession.getDefaultSession();
        Object[] jobs = {new SegmentOptions(), new PrepareTrainingOptions(), new EvaluateOptions()};
        for (Object options : jobs) {
            Run run = execute(options, "--version");
            assertEquals(ExitCodes.OK, run.exitCode());
            List<String> lines = run.out().lines().toList();
            assertEquals(3, lines.size(), run.out());
            assertTrue(lines.get(0).startsWith("dermaseg "), run.out());
            assertTrue(lines.get(1).startsWith("shipped model lesion-fcn-"), run.out());
            assertTrue(lines.get(2).startsWith("built for Spark "), run.out());
        }
        assertEquals(before, SparkSession.getDefaultSession());
    }

    /** A job whose run finds its corpus empty, as SegmentJob.run does after listing. */
    @Command(name = "empty-corpus")
    static final class EmptyCorpusJob implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new EmptyCorpusException("no images under /in match --glob *.jpg; nothing written (--allow-empty "
                    + "runs on an empty corpus)");
        }
    }

    @Test
    void anEmptyCorpusIsOneLineAndExitCodeThree() {
        Run run = execute(new EmptyCorpusJob());
        assertEquals(ExitCodes.EMPTY_INPUT, run.exitCode(), run.toString());
        assertEquals(List.of("empty-corpus: no images under /in match --glob *.jpg; nothing written (--allow-empty "
                + "runs on an empty corpus)"), run.err());
        assertEquals(ExitCodes.FAILED, JobMain.exitCode(new IllegalStateException("another failure")));
    }
}
