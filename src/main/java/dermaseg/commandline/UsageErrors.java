package dermaseg.commandline;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error in two lines, what is wrong and where the help is, instead of picocli's page of
 * usage after the message:
 *
 * <pre>
 * jobs/segment: Unknown option: '--inptu' (did you mean --input?)
 * Try 'jobs/segment --help' for more information.
 * </pre>
 *
 * Exit code {@link ExitCodes#USAGE}.
 */
public final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String program = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        err.println(program + ": " + message(unknownFirst(ex)));
        err.println("Try '" + program + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * picocli checks for missing required options before it reports unknown ones; but a mistyped
     * {@code --inptu} is what the user needs to hear about, not the {@code --input} it left missing.
     */
    static ParameterException unknownFirst(ParameterException ex) {
        List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
        if (ex instanceof UnmatchedArgumentException || unmatched.isEmpty()) {
            return ex;
        }
        return new UnmatchedArgumentException(ex.getCommandLine(), unmatched);
    }

    /** picocli's message, its first line, with the options a mistyped one was probably meant to be. */
    static String message(ParameterException ex) {
        String message = OneLineFailures.firstLine(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException unknown && !unknown.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unknown.getSuggestions()) + "?)";
        }
        return message;
    }
}
