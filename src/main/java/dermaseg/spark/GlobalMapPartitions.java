package dermaseg.spark;

import dermaseg.fcn.FcnModelCache;
import dermaseg.image.ImageDecodeException;
import dermaseg.pipeline.GlobalStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Stage 1 of the segment job: read each listed file, decode and validate it, and run the FCN on
 * batches of images. Every input row yields exactly one output row: an image that cannot be read
 * or decoded, or whose batch fails inference, becomes an error row with a reason code.
 *
 * <p>The model comes from the executor's shared cache (one load per JVM); the predictor is this
 * partition's own, closed when the partition is exhausted or the task ends, whichever comes
 * first. Only one batch of decoded images is held at a time.
 */
final class GlobalMapPartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    static final int IMAGE_ID = Schemas.INPUT.fieldIndex("image_id");
    static final int SOURCE = Schemas.INPUT.fieldIndex("source");
    static final int GROUND_TRUTH = Schemas.INPUT.fieldIndex("ground_truth");
    static final int DUPLICATE_OF = Schemas.INPUT.fieldIndex("duplicate_of");

    private final SegmentSettings settings;

    GlobalMapPartitions(SegmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new BatchIterator(input);
    }

    private final class BatchIterator extends BatchingIterator {
        private GlobalStage stage;

        BatchIterator(Iterator<Row> input) {
            super(input);
        }

        @Override
        protected void nextBatch() {
            int batchSize = settings.config().batchSize();
            List<Row> rows = new ArrayList<>(batchSize);
            List<GlobalStage.Prepared> prepared = new ArrayList<>(batchSize);
            while (prepared.size() < batchSize && input.hasNext()) {
                Row in = input.next();
                String id = in.getString(IMAGE_ID);
                String source = in.getString(SOURCE);
                String truth = in.isNullAt(GROUND_TRUTH) ? null : in.getString(GROUND_TRUTH);
                if (!in.isNullAt(DUPLICATE_OF)) {
                    ready.add(StageRows.error(id, source, truth, "duplicate_id",
                            "another file has the same id: " + in.getString(DUPLICATE_OF), null, null));
                    continue;
                }
                GlobalStage s = stage();
                try {
                    byte[] bytes = HadoopFiles.read(source, settings.hadoop().get(),
                            settings.config().limits().maxBytes());
                    prepared.add(s.prepare(bytes));
                    rows.add(in);
                } catch (IOException | ImageDecodeException | RuntimeException e) {
                    InputFailure failure = InputFailure.of(e);
                    ready.add(StageRows.error(id, source, truth, failure.reason(), failure.detail(), null, null));
                }
            }
            if (prepared.isEmpty()) {
                return;
            }
            int loads = FcnModelCache.loadCount(stage.model().location(), stage.model().device());
            try {
                List<GlobalStage.Output> outputs = stage.predict(prepared);
                for (int i = 0; i < outputs.size(); i++) {
                    Row in = rows.get(i);
                    ready.add(StageRows.global(in.getString(IMAGE_ID), in.getString(SOURCE),
                            in.isNullAt(GROUND_TRUTH) ? null : in.getString(GROUND_TRUTH), outputs.get(i), loads));
                }
            } catch (Exception e) {
                for (int i = 0; i < rows.size(); i++) {
                    Row in = rows.get(i);
                    ready.add(StageRows.error(in.getString(IMAGE_ID), in.getString(SOURCE),
                            in.isNullAt(GROUND_TRUTH) ? null : in.getString(GROUND_TRUTH), "inference_failed",
                            e.getClass().getSimpleName() + ": " + e.getMessage(), prepared.get(i).timings(), loads));
                }
            }
        }

        /** The predictor opens at the first image; a model that cannot load fails the task. */
        private GlobalStage stage() {
            if (stage == null) {
                stage = ExecutorModels.openGlobalStage(settings.modelSpec(), settings.hadoop().get(), settings.config());
            }
            return stage;
        }

        @Override
        protected void release() {
            if (stage != null) {
                stage.close();
            }
        }
    }
}
