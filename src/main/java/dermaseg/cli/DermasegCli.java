package dermaseg.cli;

import dermaseg.fcn.DjlRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the single-machine commands (no Spark): {@code scripts/dermaseg <command>}. */
@Command(name = "dermaseg", mixinStandardHelpOptions = true,
        description = "Skin-lesion segmentation of dermoscopy images.",
        subcommands = {SegmentCommand.class, EvaluateCommand.class, TrainCommand.class, TuneCommand.class,
            BenchCommand.class})
public final class DermasegCli {
    private DermasegCli() {
    }

    /** The command tree, for {@code main} and for tests. */
    static CommandLine commandLine() {
        return new CommandLine(new DermasegCli());
    }

    public static void main(String[] args) {
        DjlRuntime.ensureOffline();
        System.exit(commandLine().execute(args));
    }
}
