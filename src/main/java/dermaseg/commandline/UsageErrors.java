package dermaseg.commandline;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        err.println(program + ": " + missingOptionFile(args).orElseGet(() -> message(unknownFirst(ex))));
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

    /**
     * An {@code @FILE} of options that does not exist is not expanded by picocli but taken for an
     * argument (an unmatched one, or an input path), so the error picocli then reports is about
     * something else: the missing file is said first, as what it is.
     */
    static Optional<String> missingOptionFile(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("@") && arg.length() > 1 && !Files.exists(Path.of(arg.substring(1)))) {
                return Optional.of("no option file " + arg.substring(1) + " (an argument @FILE reads options from FILE)");
            }
        }
        return Optional.empty();
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
