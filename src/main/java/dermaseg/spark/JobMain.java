package dermaseg.spark;

import dermaseg.fcn.DjlRuntime;
import dermaseg.io.TransientFailures;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * How every Spark job's {@code main} runs its command line: DJL offline, and a failure told in
 * one line on stderr (what went wrong, at its root) with exit code 1, rather than a page of
 * Spark's stack traces; the trace itself is in the log at debug level.
 */
final class JobMain {
    private JobMain() {
    }

    static void run(Object options, String[] args) {
        DjlRuntime.ensureOffline();
        CommandLine cl = new CommandLine(options);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            err.println(commandLine.getCommandName() + ": " + reason(e));
            err.flush();
            LoggerFactory.getLogger(JobMain.class).debug("failure", e);
            return 1;
        });
        System.exit(cl.execute(args));
    }

    /**
     * The failure's own words: a store that did not answer, or else the outermost exception that
     * is not one of Spark's wrappers ("Job aborted due to stage failure: ..."), first line only.
     */
    static String reason(Throwable e) {
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

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
