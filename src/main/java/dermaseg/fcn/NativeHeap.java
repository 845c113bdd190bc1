package dermaseg.fcn;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps glibc from giving libtorch's activation buffers back to the kernel after every forward
 * pass, so that the next pass does not fault them in again.
 *
 * <p>Why: glibc's {@code malloc} serves a request above {@code M_MMAP_THRESHOLD} (128 KiB at start,
 * raised as large blocks are freed) with a fresh {@code mmap}, and returns free memory above
 * {@code M_TRIM_THRESHOLD} at the top of a heap to the kernel. One forward pass allocates and frees
 * a few MiB of feature maps per image; with the defaults many of them come back as new pages,
 * which the kernel must zero and map on first touch. Fixing the two thresholds at glibc's own
 * ceiling for the dynamic rule (32 MiB, and twice that for trimming) keeps those pages in the
 * process. Measured with {@code scripts/bench pipeline} (see the README's Benchmarks, three
 * rounds in turn): the FCN stage of the separable model went from 15.3 to 10.4 ms per image on one
 * core (median), faster in every round; the U-Net's did not change in that run (40.8 and 42.5 ms),
 * though earlier runs with the same thresholds set in the environment gave it 34–43 against
 * 53–58 ms. Setting only the trim threshold makes it far worse (it turns the dynamic
 * mmap threshold off at 128 KiB).
 *
 * <p>The cost is memory kept for reuse: at most the trim threshold of free space per malloc arena.
 * It is process-wide, so it is applied once, when the first model loads, and never over a
 * user's own choice: the {@code MALLOC_*_} environment variables, or the system property
 * {@value #PROPERTY}{@code =false}, leave glibc as it is. Elsewhere than on glibc (musl, macOS) it
 * does nothing.
 */
public final class NativeHeap {
    /** Set to {@code false} to leave the C library's allocator settings alone. */
    public static final String PROPERTY = "dermaseg.malloc.keepPages";
    static final int MMAP_THRESHOLD_BYTES = 32 << 20;
    static final int TRIM_THRESHOLD_BYTES = 64 << 20;
    // glibc's <malloc.h> parameter numbers.
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;

    private static Boolean applied;

    private NativeHeap() {
    }

    /** glibc's tuning entry point, through JNA (which DJL already brings). */
    interface CLibrary extends Library {
        int mallopt(int param, int value);
    }

    /** Applies the thresholds once per JVM; true when they are in effect. */
    public static synchronized boolean keepPagesForInference() {
        if (applied == null) {
            applied = apply(System.getProperty(PROPERTY, "true"), System.getenv(),
                    System.getProperty("os.name", ""));
        }
        return applied;
    }

    static boolean apply(String property, Map<String, String> env, String osName) {
        if (!Boolean.parseBoolean(property) || !osName.toLowerCase(Locale.ROOT).contains("linux")
                || env.containsKey("MALLOC_MMAP_THRESHOLD_") || env.containsKey("MALLOC_TRIM_THRESHOLD_")) {
            return false;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            // mallopt returns 1 on success; musl's is a no-op that returns 0.
            return c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
                    && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1;
        } catch (LinkageError e) {
            return false;
        }
    }
}
