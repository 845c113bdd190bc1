package dermaseg.spark;

/**
 * A job's inputs listed no file to work on, and {@code --allow-empty} was not given. Nothing was
 * written; on the command line, exit code {@link dermaseg.commandline.ExitCodes#EMPTY_INPUT}.
 */
public final class EmptyCorpusException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    EmptyCorpusException(String message) {
        super(message);
    }
}
