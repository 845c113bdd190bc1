package dermaseg.image;

import nu.pattern.OpenCV;

/**
 * Loads OpenCV's native library once per JVM. {@code OpenCV.loadLocally()} extracts a 65 MB
 * shared object each time it runs, so every entry point goes through {@link #load()}.
 */
public final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    /** Loads the native library if this JVM has not yet; cheap after the first call. */
    public static void load() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
