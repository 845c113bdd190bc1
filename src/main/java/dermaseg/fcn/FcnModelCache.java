package dermaseg.fcn;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded model per (model, device) per JVM, shared by every thread, and therefore by every
 * Spark task on an executor. This is the pattern of DJL's Spark extension, improved: that
 * extension loads the model once per partition, which on a corpus of thousands of partitions
 * means thousands of loads; here a long-lived executor pays for one.
 *
 * <p>Models stay loaded until the JVM exits (a shutdown hook closes them): executors are reused
 * across stages and jobs, and a reload would cost more than the memory it frees.
 */
public final class FcnModelCache {
    private static final Map<String, FcnModel> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<String, AtomicInteger> LOADS_BY_KEY = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FcnModelCache::closeAll, "dermaseg-model-close"));
    }

    private FcnModelCache() {
    }

    /** The shared model, loaded by the first caller; concurrent first callers wait for that load. */
    public static FcnModel get(ModelLocation location, Device device) throws IOException {
        String key = key(location, device);
        try {
            return MODELS.computeIfAbsent(key, k -> {
                try {
                    FcnModel model = FcnModel.load(location, device);
                    LOADS.incrementAndGet();
                    LOADS_BY_KEY.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                    return model;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** How many times this JVM has loaded a model: the figure that proves "once per executor". */
    public static int loadCount() {
        return LOADS.get();
    }

    /** How many times this JVM has loaded this model onto this device (1 once used, never more). */
    public static int loadCount(ModelLocation location, Device device) {
        AtomicInteger n = LOADS_BY_KEY.get(key(location, device));
        return n == null ? 0 : n.get();
    }

    private static String key(ModelLocation location, Device device) {
        return location.key() + "@" + device;
    }

    private static void closeAll() {
        MODELS.values().forEach(FcnModel::close);
        MODELS.clear();
    }
}
