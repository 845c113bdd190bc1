package dermaseg.commandline;

import dermaseg.io.TransientFailures;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * A command that failed says why in one line on stderr, prefixed by the program ({@code
 * jobs/segment: reading s3a://...: the store did not answer (...)}), rather than with a page of
 * stack traces (Spark's wrap the cause several times over); the trace goes to the log at debug
 * level. The exit code is the command line's {@link IExitCodeExceptionMapper}'s, else
 * {@link ExitCodes#FAILED}.
 */
public final class OneLineFailures implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + reason(e));
        err.flush();
        LoggerFactory.getLogger(OneLineFailures.class).debug("failure", e);
        IExitCodeExceptionMapper exitCodes = command.getExitCodeExceptionMapper();
        return exitCodes == null ? ExitCodes.FAILED : exitCodes.getExitCode(e);
    }

    /**
     * The failure's own words: a store that did not answer, or else the outermost exception that
     * is not one of Spark's wrappers ("Job aborted due to stage failure: ..."), first line only.
     */
    public static String reason(Throwable e) {
        Throwable chosen = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientFailures.StoreUnavailableException) {
                return firstLine(t.getMessage());
            }
            if (chosen == null && t.getMessage() != null && !t.getClass().getName().startsWith("org.apache.spark.")) {
                chosen = t;
            }
        }
        Throwable t = chosen == null ? e : chosen;
        boolean ours = t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UncheckedIOException;
        return firstLine(ours ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
