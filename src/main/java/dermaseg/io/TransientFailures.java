package dermaseg.io;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Tells a failure of the environment (a store that did not answer) from a failure of the input
 * (a file that is missing, forbidden or broken). The first must never become a result: a job that
 * meets one fails its task, and Spark runs the task again; when the store stays away, the job
 * fails with the reason after a bounded time (S3A's retry settings times Spark's task attempts,
 * see {@code conf/spark-defaults.conf}). The second becomes the input's error row.
 *
 * <p>S3A and the AWS SDK are recognised by class name, so that this needs neither on the
 * classpath: S3A wraps a refused connection as {@code AWSClientIOException} (cause chain down to
 * {@link ConnectException}), a server error as {@code AWSStatus500Exception}, throttling as
 * {@code AWSServiceThrottledException}.
 */
public final class TransientFailures {
    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.apache.hadoop.fs.s3a.AWSClientIOException",
            "org.apache.hadoop.fs.s3a.AWSNoResponseException",
            "org.apache.hadoop.fs.s3a.AWSStatus500Exception",
            "org.apache.hadoop.fs.s3a.AWSServiceThrottledException",
            "org.apache.hadoop.fs.s3a.AWSApiCallTimeoutException",
            "org.apache.hadoop.net.ConnectTimeoutException",
            "software.amazon.awssdk.core.exception.ApiCallTimeoutException",
            "software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException",
            "org.apache.http.conn.ConnectTimeoutException",
            "org.apache.http.NoHttpResponseException");

    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything in its cause chain, is the environment's fault. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || (t instanceof SocketException && isReset(t))
                    || TRANSIENT_CLASS_NAMES.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isReset(Throwable t) {
        String message = t.getMessage();
        return message != null && (message.contains("Connection reset") || message.contains("Broken pipe"));
    }

    /**
     * An environment failure on the way out of a task: unchecked, so it fails the task, with the
     * place it happened and the original cause.
     */
    public static final class StoreUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StoreUnavailableException(String what, Throwable cause) {
            super(what + ": the store did not answer (" + rootMessage(cause) + ")", cause);
        }

        private static String rootMessage(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }
}
