package dermaseg.fcn;

/**
 * Keeps DJL off the network. Without {@code ai.djl.offline} DJL may try to download natives, and
 * without {@code OPT_OUT_TRACKING} it contacts a metadata endpoint (169.254.169.254) on engine
 * start. Both are set in every launcher script and in Surefire too; this class is the last line of
 * defence for code paths that reach DJL from somewhere else (a Spark executor started by a
 * cluster manager, a user's own main). It must run before the first {@code Engine} call.
 */
public final class DjlRuntime {
    private DjlRuntime() {
    }

    /** Sets the offline switches unless the user set them explicitly. Idempotent. */
    public static void ensureOffline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    /**
     * Sets PyTorch's intra-op thread count unless already configured. Only effective before the
     * engine starts; libtorch's pool is process-wide, so a Spark executor sets it to the cores of
     * one task (all its tasks share the one pool).
     */
    public static void preferThreads(int intraOpThreads) {
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(Math.max(1, intraOpThreads)));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
