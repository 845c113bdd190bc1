package dermaseg.commandline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class UsageErrorsTest {
    @TempDir
    Path dir;

    @Command(name = "job")
    static final class Job implements Runnable {
        @Option(names = "--input")
        String input;

        @Override
        public void run() {
        }
    }

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine line = CommandLines.forPeople(new CommandLine(new Job()));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    @Test
    void aMissingOptionFileIsNamedAsSuch() throws Exception {
        String[] missing = run("@" + dir.resolve("nope.conf"));
        assertEquals(Integer.toString(ExitCodes.USAGE), missing[0]);
        assertEquals("job: no option file " + dir.resolve("nope.conf") + " (an argument @FILE reads options from FILE)\n"
                + "Try 'job --help' for more information.\n", missing[1].replace("\r\n", "\n"));

        Path conf = Files.writeString(dir.resolve("ok.conf"), "--input x\n");
        assertEquals("0", run("@" + conf)[0], "an option file that exists is read");
        String[] unknown = run("--inptu");
        assertEquals("job: Unknown option: '--inptu' (did you mean --input?)", unknown[1].lines().findFirst().orElseThrow());
    }
}
