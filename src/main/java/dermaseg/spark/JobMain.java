package dermaseg.spark;

import dermaseg.commandline.CommandLines;
import dermaseg.commandline.ExitCodes;
import dermaseg.commandline.ProgramName;
import dermaseg.fcn.DjlRuntime;
import picocli.CommandLine;

/**
 * How every Spark job's {@code main} runs its command line: DJL offline; the program named as the
 * user typed it; a usage error in two lines with exit code 2, before any Spark start-up; a
 * failure told in one line on stderr with exit code 1, or 3 when the inputs held nothing to work
 * on ({@link ExitCodes}).
 */
final class JobMain {
    private JobMain() {
    }

    /** Runs {@code options}' job on {@code args}; the exit code, which {@code main} exits with. */
    static int execute(Object options, String... args) {
        DjlRuntime.ensureOffline();
        return commandLine(options).execute(args);
    }

    /** The job's command line, ready for people: what {@link #execute} runs. */
    static CommandLine commandLine(Object options) {
        CommandLine cl = CommandLines.forPeople(new CommandLine(options)).setExitCodeExceptionMapper(JobMain::exitCode);
        ProgramName.typed().ifPresent(cl::setCommandName);
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.ofJobs());
        return cl;
    }

    /** A failure's exit code: {@link ExitCodes#EMPTY_INPUT} for an empty corpus, however Spark wrapped it. */
    static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EmptyCorpusException) {
                return ExitCodes.EMPTY_INPUT;
            }
        }
        return ExitCodes.FAILED;
    }
}
