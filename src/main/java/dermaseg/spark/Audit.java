package dermaseg.spark;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per image segmented and per pair prepared, on the executor that did the work, at
 * INFO on the {@code dermaseg.audit} loggers, which {@code conf/log4j2.properties} keeps quiet.
 * {@code scripts/check-faults} turns them on to count work done more than once after a kill.
 */
final class Audit {
    private static final Logger SEGMENTED = LoggerFactory.getLogger("dermaseg.audit.segmented");
    private static final Logger PREPARED = LoggerFactory.getLogger("dermaseg.audit.prepared");

    private Audit() {
    }

    static void segmented(String imageId, String status) {
        if (SEGMENTED.isInfoEnabled()) {
            SEGMENTED.info("segmented {} {}", imageId, status);
        }
    }

    static void prepared(String id) {
        if (PREPARED.isInfoEnabled()) {
            PREPARED.info("prepared {}", id);
        }
    }
}
