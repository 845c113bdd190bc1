package dermaseg.spark;

import dermaseg.pipeline.GlobalStage;
import dermaseg.pipeline.RefineStage;
import dermaseg.pipeline.StageTimings;
import org.apache.spark.sql.Row;

/**
 * An input row on its way through {@link LesionSegmentation}'s three stages. The stages are
 * {@code mapPartitions} steps of one task, one iterator pulling from the next, so these objects
 * are handed on, never serialised or copied; each stage's record holds only what the next stage
 * reads.
 */
final class InFlight {
    private InFlight() {
    }

    /**
     * What every stage passes on: the user's row untouched, the image's id, the SHA-256 of the
     * bytes it was decoded from, and the model loads of this JVM when the row was processed.
     */
    record Header(Row input, String imageId, String contentHash, Integer modelLoads) {
    }

    /** Why an image has no mask: a reason code, a readable detail, the timings up to the failure. */
    record Failure(String reason, String detail, StageTimings timings) {
        static Failure of(String reason, Throwable e, StageTimings timings) {
            return new Failure(reason, e.getClass().getSimpleName() + ": " + e.getMessage(), timings);
        }
    }

    /** After stage 1: the analysis image and its FCN map, or the failure. */
    record Decoded(Header header, GlobalStage.Output maps, Failure failure) {
    }

    /** After stage 2: both maps and the analysis image (for descriptors and figures), or the failure. */
    record Refined(Header header, RefineStage.Output maps, Failure failure) {
    }
}
