package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.commandline.ExitCodes;
import dermaseg.pipeline.SegmenterConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The jobs' command lines, without starting Spark: usage errors are short and clear, and options
 * land where the job reads them.
 */
class SegmentOptionsTest {
    private static String usageError(String... args) {
        return usageError(new SegmentOptions(), args);
    }

    /** The two lines of a usage error, after checking its exit code. */
    private static String usageError(Object options, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = JobMain.commandLine(options);
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertEquals(ExitCodes.USAGE, code, "the usage-error exit code: " + err);
        String name = cli.getCommandName();
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), "what is wrong, then where the help is, and no usage page: " + err);
        assertTrue(lines.get(0).startsWith(name + ": "), err.toString());
        assertEquals("Try '" + name + " --help' for more information.", lines.get(1));
        return lines.get(0);
    }

    @Test
    void missingAndUnknownOptionsGetATwoLineMessage() {
        String missing = usageError("--input", "images/");
        assertEquals("segment: Missing required option: '--output=URI'", missing);
        String unknown = usageError("--input", "a", "--output", "b", "--colour", "blue");
        assertTrue(unknown.contains("Unknown options: '--colour', 'blue'"), unknown);
    }

    @Test
    void aMistypedOptionIsNamedAsUnknownNotAsTheRequiredOneItLeftMissing() {
        String typo = usageError("--inptu", "/no/such", "--output", "x");
        assertTrue(typo.contains("Unknown options: '--inptu', '/no/such'"), typo);
        assertTrue(typo.contains("did you mean --input"), typo);
        assertFalse(typo.contains("Missing"), typo);
        String glued = usageError("--inptu=/no/such", "--output", "x");
        assertTrue(glued.contains("Unknown option: '--inptu=/no/such'"), glued);
    }

    @Test
    void valuesTheJobCouldOnlyFailOnAreUsageErrorsBeforeSparkStarts() {
        String[][] bad = {
            {"--images-per-partition", "0", "--images-per-partition must be at least 1, got 0"},
            {"--partitions", "0", "--partitions must be at least 1, got 0"},
            {"--batch-size", "0", "--batch-size must be at least 1, got 0"},
            {"--analysis-max-side", "10", "--analysis-max-side must be at least 64, got 10"},
            {"--max-bytes", "0", "--max-bytes must be at least 1"},
            {"--fusion-weight", "1.5", "--fusion-weight must be in [0, 1]"},
            {"--seed-thresholds", "0.2:0.8", "--seed-thresholds takes HIGH:LOW"},
            {"--mask-pattern", "mask.png", "--mask-pattern: pattern 'mask.png' must contain {id}"},
            {"--commit-every", "10", "--commit-every needs --incremental: a folder output is written once"},
            {"--test-time-views", "3", "--test-time-views must be 1, 2, 4 or 8, got 3"},
        };
        for (String[] b : bad) {
            String err = usageError("--input", "a", "--output", "b", b[0], b[1]);
            assertTrue(err.contains(b[2]), err);
        }
        SegmentOptions byHand = new SegmentOptions();
        new CommandLine(byHand).parseArgs("--input", "a", "--output", "b", "--batch-size", "0");
        assertThrows(IllegalArgumentException.class, byHand::validate, "what SegmentJob.run calls first");

        for (String[] b : new String[][] {
            {"--longer-side", "0", "--longer-side must be at least 1, got 0"},
            {"--images-per-partition", "0", "--images-per-partition must be at least 1, got 0"},
            {"--partitions", "0", "--partitions must be at least 1, got 0"},
            {"--split", "train=1,test=x", "--split: "},
        }) {
            String err = usageError(new PrepareTrainingOptions(), "--images", "a", "--masks", "m", "--output", "o",
                    b[0], b[1]);
            assertTrue(err.startsWith("prepare-training: " + b[2]), err);
        }
        String evaluate = usageError(new EvaluateOptions(), "--segment-output", "s", "--masks", "m", "--report", "r",
                "--batch-size", "0");
        assertEquals("evaluate: --batch-size must be at least 1, got 0", evaluate);
    }

    @Test
    void stageOptionsOverrideTheModelCardsSettings() {
        SegmentOptions o = new SegmentOptions();
        new CommandLine(o).parseArgs("--input", "a,b", "--output", "o", "--superpixels", "77",
                "--seed-thresholds", "0.9:0.05", "--fusion-weight", "0.25", "--max-pixels", "1000");
        assertEquals(2, o.inputs.size());
        Configuration conf = new Configuration();
        SegmenterConfig card = new LesionSegmentation().resolveSettings(conf).config();
        SegmenterConfig merged = o.segmentation().resolveSettings(conf).config();
        assertEquals(77, merged.refine().superpixels());
        assertEquals(card.refine().sigmaScale(), merged.refine().sigmaScale(), "not given, so the card's value stays");
        assertEquals(card.refine().alpha(), merged.refine().alpha());
        assertEquals(0.9, merged.refine().lesionSeedThreshold());
        assertEquals(0.05, merged.refine().skinSeedThreshold());
        assertEquals(0.25, merged.fusion().globalWeight());
        assertEquals(1000, merged.limits().maxPixels());
    }

    @Test
    void aRetryReasonThatNoErrorRowCanHaveIsRefusedNamingTheOnesThereAre() {
        String err = usageError("--input", "a", "--output", "b", "--incremental", "--retry", "bogus");
        assertTrue(err.contains("--retry takes reasons of error rows: blank, empty,"), err);
        assertTrue(err.contains("too_large") && err.contains("not_regular_file") && err.endsWith("not bogus"), err);
    }
}
