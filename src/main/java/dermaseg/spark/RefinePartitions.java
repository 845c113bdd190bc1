package dermaseg.spark;

import dermaseg.pipeline.RefineStage;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Stage 2 of the segment job: superpixel fine-tuning, one row in, one row out. Error rows pass
 * through; an unexpected failure on one image becomes that image's error row.
 */
final class RefinePartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final SegmentSettings settings;

    RefinePartitions(SegmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        RefineStage stage = new RefineStage(settings.config().refine());
        return StageRows.mapEach(input, in -> {
            if (!StageRows.isOk(in)) {
                return in;
            }
            try {
                return StageRows.local(in, stage.refine(StageRows.toGlobal(in)));
            } catch (RuntimeException e) {
                return StageRows.failed(in, "refine_failed", e);
            }
        });
    }
}
