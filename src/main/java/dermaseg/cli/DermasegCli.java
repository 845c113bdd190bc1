package dermaseg.cli;

import dermaseg.commandline.CommandLines;
import dermaseg.commandline.ProgramName;
import dermaseg.commandline.VersionProvider;
import dermaseg.fcn.DjlRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the single-machine commands (no Spark): {@code scripts/dermaseg <command>}.
 *
 * <p>A launcher named after one of the commands stands for it alone: {@code jobs/train}, which
 * runs this class with {@code -Ddermaseg.program=jobs/train}, takes the train command's options
 * directly, and its help and errors say {@code jobs/train}, not {@code dermaseg train}.
 */
@Command(name = "dermaseg", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Skin-lesion segmentation of dermoscopy images.",
        subcommands = {SegmentCommand.class, EvaluateCommand.class, TrainCommand.class, TuneCommand.class,
                CrossValidateCommand.class,
            FitUncertaintyCommand.class,
            BenchCommand.class})
public final class DermasegCli {
    private DermasegCli() {
    }

    /** The command tree, named {@code dermaseg}: for tests. */
    static CommandLine commandLine() {
        return commandLine("dermaseg");
    }

    /**
     * What {@code program} stands for, named as the user typed it: the command tree, or the one
     * command whose name is the program's file name ({@link ProgramName#commandOf}).
     */
    static CommandLine commandLine(String program) {
        CommandLine tree = new CommandLine(new DermasegCli());
        CommandLine alone = tree.getSubcommands().get(ProgramName.commandOf(program));
        CommandLine chosen = alone == null ? tree : new CommandLine(alone.getCommandSpec().userObject().getClass());
        return CommandLines.forPeople(chosen.setCommandName(program));
    }

    public static void main(String[] args) {
        DjlRuntime.ensureOffline();
        System.exit(commandLine(ProgramName.typed().orElse("dermaseg")).execute(args));
    }
}
