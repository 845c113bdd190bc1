package dermaseg.io;

import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;

/**
 * The two calls of Delta Kernel whose signatures changed between Kernel 3 (Spark 3.5 builds) and
 * Kernel 4: this is Kernel 4's side; {@code src/main/kernel-3} holds the other, and the build
 * compiles the one of its Spark line (the {@code kernel.shim} property).
 */
final class KernelSnapshots {
    private KernelSnapshots() {
    }

    static ScanBuilder scanBuilder(Snapshot snapshot, Engine engine) {
        return snapshot.getScanBuilder();
    }

    static long version(Snapshot snapshot, Engine engine) {
        return snapshot.getVersion();
    }
}
