package dermaseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.commandline.ExitCodes;
import dermaseg.commandline.VersionProvider;
import dermaseg.spark.EvaluateOptions;
import dermaseg.spark.PrepareTrainingOptions;
import dermaseg.spark.SegmentOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What every command line shows people: its name as they typed it, labels and descriptions, short errors. */
class CommandLinesTest {
    /** Output and exit code of one execution. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run execute(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = command.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A command and all its subcommands, depth first. */
    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), into));
    }

    @Test
    void everyOptionHasADescriptionAndAReadableLabel() {
        List<CommandSpec> commands = new ArrayList<>();
        collect(DermasegCli.commandLine().getCommandSpec(), commands);
        for (Object job : new Object[] {new SegmentOptions(), new PrepareTrainingOptions(), new EvaluateOptions()}) {
            collect(new CommandLine(job).getCommandSpec(), commands);
        }
        List<String> unlabelled = new ArrayList<>();
        for (CommandSpec command : commands) {
            for (OptionSpec option : command.options()) {
                String name = command.qualifiedName() + " " + option.longestName();
                if (option.description().length == 0 || option.description()[0].isBlank()) {
                    unlabelled.add(name + ": no description");
                }
                // picocli's default label is the field's name in angle brackets: <analysisMaxSide>
                if (option.arity().max() > 0 && option.paramLabel().startsWith("<")) {
                    unlabelled.add(name + ": label " + option.paramLabel());
                }
            }
        }
        assertEquals(List.of(), unlabelled);
        assertTrue(commands.size() >= 9, "the tree, its five commands and the three jobs: " + commands.size());
    }

    @Test
    void aLauncherNamedAfterACommandRunsItAloneUnderItsOwnName() {
        Run help = execute(DermasegCli.commandLine("jobs/train"), "--help");
        assertEquals(ExitCodes.OK, help.exitCode());
        assertTrue(help.out().startsWith("Usage: jobs/train "), help.out());
        assertFalse(help.out().contains("dermaseg train"), help.out());
        assertTrue(help.out().contains("--shards=URI"), "the train command's own options: " + help.out());

        Run missing = execute(DermasegCli.commandLine("jobs/train"), "--output", "model");
        assertEquals(ExitCodes.USAGE, missing.exitCode());
        assertEquals(2, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("jobs/train: "), missing.err());

        Run tree = execute(DermasegCli.commandLine("scripts/dermaseg"), "segment", "--help");
        assertTrue(tree.out().startsWith("Usage: scripts/dermaseg segment "), tree.out());
    }

    @Test
    void usageErrorsAreTwoLinesAndTheLimitsAreChecked() {
        Run unknown = execute(DermasegCli.commandLine("scripts/dermaseg"), "segment", "--colour", "x");
        assertEquals(ExitCodes.USAGE, unknown.exitCode());
        assertEquals(List.of("scripts/dermaseg segment: Unknown option: '--colour'",
                "Try 'scripts/dermaseg segment --help' for more information."), unknown.err().lines().toList());

        Run limit = execute(DermasegCli.commandLine("scripts/dermaseg"), "segment", "--max-pixels", "0",
                "--output", "out", "in.jpg");
        assertEquals(ExitCodes.USAGE, limit.exitCode());
        assertEquals("scripts/dermaseg segment: --max-pixels must be at least 1, got 0",
                limit.err().lines().findFirst().orElseThrow());
    }

    @Test
    void everyCommandHasTheVersionBanner() throws Exception {
        String[] banner = new VersionProvider().getVersion();
        for (String[] args : new String[][] {{"--version"}, {"train", "--version"}, {"segment", "--version"},
            {"tune", "--version"}, {"bench", "--version"}, {"evaluate", "--version"}}) {
            Run run = execute(DermasegCli.commandLine("scripts/dermaseg"), args);
            assertEquals(ExitCodes.OK, run.exitCode());
            assertArrayEquals(banner, run.out().lines().toArray(String[]::new), String.join(" ", args));
        }
    }
}
