package dermaseg.commandline;

import java.util.Optional;

/**
 * The program as the user typed it ({@code jobs/segment}, {@code scripts/dermaseg}), for usage
 * lines and messages: the launchers pass it to the JVM, since Java cannot know which script
 * started it. Without one (a bare {@code java} or {@code spark-submit} command), a command goes
 * by its own name.
 */
public final class ProgramName {
    /** The system property the local launchers set: {@code -Ddermaseg.program=jobs/segment}. */
    public static final String PROPERTY = "dermaseg.program";
    /**
     * The same under {@code spark-submit}, given as {@code --conf spark.dermaseg.program=...}:
     * spark-submit hands its {@code spark.*} settings to the driver as system properties, where
     * a {@code -D} in the driver's Java options would replace those of the properties file.
     */
    public static final String SPARK_PROPERTY = "spark." + PROPERTY;

    private ProgramName() {
    }

    /** The program name the launcher passed, if any. */
    public static Optional<String> typed() {
        String typed = System.getProperty(PROPERTY, System.getProperty(SPARK_PROPERTY));
        return typed == null || typed.isBlank() ? Optional.empty() : Optional.of(typed);
    }

    /**
     * The command a launcher stands for: its file name ({@code jobs/train} runs {@code train},
     * {@code scripts/dermaseg} the whole {@code dermaseg} tree).
     */
    public static String commandOf(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
