package dermaseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.MaskCodec;
import dermaseg.testing.Samples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-machine commands as a user runs them, on the bundled samples. */
class CommandsTest {
    @TempDir
    Path out;

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = DermasegCli.commandLine().execute(args);
            return code + "\n" + captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void segmentWritesMasksAndOverlaysAndReportsBadFiles() throws Exception {
        Path bad = Files.writeString(out.resolve("notes.png"), "not an image");
        Path image = Samples.images().get(0);
        String printed = run("segment", "--output", out.resolve("result").toString(), image.toString(), bad.toString());
        assertTrue(printed.startsWith("2\n"), "exit code 2 when some inputs failed:\n" + printed);
        assertTrue(printed.contains("notes  error unsupported_format"), printed);
        String id = image.getFileName().toString().replace(".jpg", "");
        byte[] mask = Files.readAllBytes(out.resolve("result/masks/" + id + ".png"));
        assertTrue(new MaskCodec().decode(mask).area() > 0);
        assertTrue(Files.size(out.resolve("result/overlays/" + id + ".png")) > 1000);
    }

    @Test
    void evaluatePrintsTheAblationTableAndWritesTheCsv() throws Exception {
        Path csv = out.resolve("scores.csv");
        String printed = run("evaluate", "--data", Samples.ROOT.toString(), "--limit", "3", "--csv", csv.toString());
        assertTrue(printed.startsWith("0\n"), printed);
        for (String variant : new String[] {"fcn@0.5", "fcn+otsu", "superpixel", "fused"}) {
            assertTrue(printed.contains("| " + variant), variant + " row missing:\n" + printed);
        }
        assertEquals(1 + 3 * 4, Files.readAllLines(csv).size(), "header plus 4 variants for each of 3 images");
    }

    @Test
    void benchFlopsPrintsTheShippedModelsSizeAndArithmetic() {
        String printed = run("bench", "--flops");
        assertTrue(printed.startsWith("0\n"), printed);
        assertTrue(printed.contains("blockKind=separable") && printed.contains("hadamardStages=2"), printed);
        assertTrue(printed.contains("75,449 parameters, 0.052 GFLOP per image"), printed);
        String separable = run("bench", "--flops", "--model", "bundled:separable-192");
        assertTrue(separable.contains("56,585 parameters, 0.050 GFLOP per image"), separable);
        String first = run("bench", "--flops", "--model", "bundled:unet-160");
        assertTrue(first.contains("1,425,537 parameters, 1.486 GFLOP per image"), first);
        assertTrue(printed.contains("1e9 multiply-accumulates"), "the convention is printed with the figure:\n" + printed);
    }
}
