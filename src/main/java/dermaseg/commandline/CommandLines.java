package dermaseg.commandline;

import picocli.CommandLine;

/** The one way a dermaseg command line is set up for people, whichever command it runs. */
public final class CommandLines {
    private CommandLines() {
    }

    /**
     * {@code command} (and its subcommands) with two-line usage errors ({@link UsageErrors}) and
     * one-line failures ({@link OneLineFailures}).
     */
    public static CommandLine forPeople(CommandLine command) {
        return command.setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new OneLineFailures());
    }
}
