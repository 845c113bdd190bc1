package dermaseg.commandline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of the dermaseg commands, so that a scheduler can tell a typo from an outage
 * from a corpus that is not there yet.
 *
 * <p>The single-machine {@code segment} and {@code evaluate} commands also exit with 2 when they
 * ran but some images could not be used (each is listed with its reason); that code predates
 * this table and scripts rely on it.
 */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** The run failed; one line on stderr says why (the stack trace is in the log at debug level). */
    public static final int FAILED = 1;
    /**
     * The command line is wrong: an unknown or missing option, a refused value, an input that does
     * not exist, an output that does. Nothing ran: no Spark session was started.
     */
    public static final int USAGE = 2;
    /**
     * The inputs hold nothing to work on (no image listed, a segment run of no images) and
     * {@code --allow-empty}, where a job has it, was not given: nothing was written.
     */
    public static final int EMPTY_INPUT = 3;

    /** The table as a Spark job's {@code --help} ends: code, then meaning. */
    public static Map<String, String> ofJobs() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(OK), "done");
        codes.put(Integer.toString(FAILED), "the run failed; one line on stderr says why");
        codes.put(Integer.toString(USAGE), "usage error: a wrong option, a missing input, an output in the way; "
                + "nothing ran");
        codes.put(Integer.toString(EMPTY_INPUT), "the inputs hold no image; nothing was written");
        return codes;
    }

    private ExitCodes() {
    }
}
