package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.refine.RefineConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The job's command line, without starting Spark: usage errors are clear and options land. */
class SegmentOptionsTest {
    private static String usageError(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SegmentOptions());
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute(args), "picocli's usage-error exit code");
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
    void stageOptionsOverrideTheModelCardsSettings() {
        SegmentOptions o = new SegmentOptions();
        new CommandLine(o).parseArgs("--input", "a,b", "--output", "o", "--superpixels", "77",
                "--seed-thresholds", "0.9:0.05", "--fusion-weight", "0.25", "--max-pixels", "1000");
        assertEquals(2, o.inputs.size());
        RefineConfig fromCard = RefineConfig.builder().superpixels(300).sigmaScale(2).build();
        RefineConfig merged = o.refineOverrides(fromCard);
        assertEquals(77, merged.superpixels());
        assertEquals(2, merged.sigmaScale(), "not given, so the card's value stays");
        assertEquals(0.9, merged.lesionSeedThreshold());
        assertEquals(0.05, merged.skinSeedThreshold());
        assertEquals(0.25, o.segmenterConfig().fusion().globalWeight());
        assertEquals(1000, o.segmenterConfig().limits().maxPixels());
    }
}
