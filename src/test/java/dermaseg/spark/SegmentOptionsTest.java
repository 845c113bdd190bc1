package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.pipeline.SegmenterConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The job's command line, without starting Spark: usage errors are clear and options land. */
class SegmentOptionsTest {
    private static String usageError(String... args) {
        return usageError(new SegmentOptions(), args);
    }

    private static String usageError(Object options, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(options);
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        assertEquals(2, code, "picocli's usage-error exit code: " + err);
        return err.toString();
    }

    @Test
    void missingAndUnknownOptionsGetAUsageMessage() {
        String missing = usageError("--input", "images/");
        assertTrue(missing.contains("Missing required option: '--output=URI'"), missing);
        assertTrue(missing.contains("Usage: segment"), missing);
        String unknown = usageError("--input", "a", "--output", "b", "--colour", "blue");
        assertTrue(unknown.contains("Unknown options: '--colour', 'blue'"), unknown);
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
        };
        for (String[] b : bad) {
            String err = usageError("--input", "a", "--output", "b", b[0], b[1]);
            assertTrue(err.contains(b[2]), err);
            assertTrue(err.contains("Usage: segment"), err);
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
            assertTrue(err.contains(b[2]), err);
            assertTrue(err.contains("Usage: prepare-training"), err);
        }
        String evaluate = usageError(new EvaluateOptions(), "--segment-output", "s", "--masks", "m", "--report", "r",
                "--batch-size", "0");
        assertTrue(evaluate.contains("--batch-size must be positive"), evaluate);
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
}
