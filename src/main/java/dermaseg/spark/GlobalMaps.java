package dermaseg.spark;

import dermaseg.fcn.FcnModelCache;
import dermaseg.image.ImageDecodeException;
import dermaseg.io.HadoopFiles;
import dermaseg.io.Sha256;
import dermaseg.io.TransientFailures;
import dermaseg.pipeline.GlobalStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Stage 1 of {@link LesionSegmentation}: take each row's image bytes (from its binary column, or
 * read from its path, here on the executor), hash and decode them, and run the FCN on batches of
 * images. Every input row yields exactly one output: an image that cannot be read or decoded, or
 * whose batch fails inference, carries a failure with its reason code.
 *
 * <p>The model comes from the executor's shared cache (one load per JVM); the predictor is this
 * partition's own, opened at the first image and closed when the partition is exhausted or the
 * task ends, whichever comes first. Only one batch of decoded images is held at a time. A store
 * that does not answer fails the task (Spark runs it again) instead of becoming a result.
 */
final class GlobalMaps implements FlatMapFunction<Iterator<Row>, InFlight.Decoded> {
    private static final long serialVersionUID = 1L;

    private final SegmentationTask task;

    GlobalMaps(SegmentationTask task) {
        this.task = task;
    }

    @Override
    public Iterator<InFlight.Decoded> call(Iterator<Row> input) {
        return new Batches(input);
    }

    /** An image decoded and waiting for its batch's forward pass. */
    private record Pending(InFlight.Header header, GlobalStage.Prepared prepared) {
    }

    private final class Batches extends BatchingIterator<Row, InFlight.Decoded> {
        private final SegmentationTask.InputColumns columns = task.columns();
        private GlobalStage stage;

        Batches(Iterator<Row> input) {
            super(input);
        }

        @Override
        protected void nextBatch() {
            int batchSize = task.settings().config().batchSize();
            List<Pending> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && input.hasNext()) {
                Row in = input.next();
                String id = imageId(in);
                byte[] bytes;
                try {
                    bytes = bytes(in);
                } catch (IOException e) {
                    if (TransientFailures.isTransient(e)) {
                        throw new TransientFailures.StoreUnavailableException("reading " + path(in), e);
                    }
                    fail(new InFlight.Header(in, id, null, null), InputFailure.of(e));
                    continue;
                }
                InFlight.Header header = new InFlight.Header(in, id, Sha256.hex(bytes), null);
                try {
                    batch.add(new Pending(header, stage().prepare(bytes)));
                } catch (ImageDecodeException | RuntimeException e) {
                    fail(header, InputFailure.of(e));
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            Integer loads = FcnModelCache.loadCount(stage.model().location(), stage.model().device());
            List<GlobalStage.Output> maps;
            try {
                maps = stage.predict(batch.stream().map(Pending::prepared).toList());
            } catch (Exception e) {
                for (Pending p : batch) {
                    ready.add(new InFlight.Decoded(withLoads(p.header(), loads), null,
                            InFlight.Failure.of("inference_failed", e, p.prepared().timings())));
                }
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                ready.add(new InFlight.Decoded(withLoads(batch.get(i).header(), loads), maps.get(i), null));
            }
        }

        private InFlight.Header withLoads(InFlight.Header h, Integer loads) {
            return new InFlight.Header(h.input(), h.imageId(), h.contentHash(), loads);
        }

        private void fail(InFlight.Header header, InputFailure failure) {
            ready.add(new InFlight.Decoded(header, null, new InFlight.Failure(failure.reason(), failure.detail(), null)));
        }

        private String imageId(Row in) {
            int column = columns.id() >= 0 ? columns.id() : columns.idFromPath();
            if (column < 0 || in.isNullAt(column)) {
                return null;
            }
            return columns.id() >= 0 ? in.getString(column) : FileIds.imageId(in.getString(column));
        }

        private String path(Row in) {
            return columns.path() < 0 || in.isNullAt(columns.path()) ? null : in.getString(columns.path());
        }

        /** The image's bytes: its binary column, or the file its path names, read within the byte limit. */
        private byte[] bytes(Row in) throws IOException {
            long maxBytes = task.settings().config().limits().maxBytes();
            if (columns.path() >= 0) {
                String path = path(in);
                if (path == null) {
                    throw new java.io.FileNotFoundException("no path in this row");
                }
                return HadoopFiles.read(path, task.hadoop().get(), maxBytes);
            }
            if (in.isNullAt(columns.image())) {
                throw new java.io.FileNotFoundException("no bytes in column " + columns.imageColumn());
            }
            byte[] bytes = (byte[]) in.get(columns.image());
            if (bytes.length > maxBytes) {
                throw new HadoopFiles.FileTooLargeException(bytes.length, maxBytes);
            }
            return bytes;
        }

        /** The predictor opens at the first image; a model that cannot load fails the task. */
        private GlobalStage stage() {
            if (stage == null) {
                stage = ExecutorModels.openGlobalStage(task.settings().modelSpec(), task.hadoop().get(),
                        task.settings().config());
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
