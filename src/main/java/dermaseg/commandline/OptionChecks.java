package dermaseg.commandline;

import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of option values that picocli's types cannot express, refused as usage errors. */
public final class OptionChecks {
    private OptionChecks() {
    }

    /** A check that refuses with {@link IllegalArgumentException}; it may read files to decide. */
    @FunctionalInterface
    public interface Check {
        void run() throws IOException;
    }

    /**
     * Runs {@code check}; its refusal becomes picocli's usage error (two lines, exit code
     * {@link ExitCodes#USAGE}). An {@link IOException} (a store that cannot be asked) is not the
     * user's mistake and goes on as a failure.
     */
    public static void asUsageError(CommandSpec spec, Check check) throws IOException {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Refuses {@code value < min}, naming the option. */
    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
        }
    }
}
