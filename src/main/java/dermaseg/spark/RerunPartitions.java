package dermaseg.spark;

import ai.djl.translate.TranslateException;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageOps;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.Figures;
import dermaseg.pipeline.FusionStage;
import dermaseg.pipeline.GlobalStage;
import dermaseg.pipeline.RefineStage;
import dermaseg.pipeline.SegmentationResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The evaluate job's re-run of the whole pipeline on images of a segment run, one
 * {@link Schemas#RERUN_INPUT} row in, one {@link Schemas#RERUN_OUTPUT} row out. The
 * {@code masks/} table keeps only the fused mask; the FCN and superpixel variants need the maps,
 * so scoring them means segmenting the source image again, with the segment run's model and
 * settings. The re-run's fused mask is compared with the stored one, which shows whether it was
 * the same pipeline.
 *
 * <p>In metrics mode an image whose ground truth cannot be used is not segmented at all. In
 * figure mode (the gallery: a handful of images) every image is segmented and drawn, with its
 * ground truth when there is one. An image that can no longer be read becomes an error row.
 */
final class RerunPartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private static final int IMAGE_ID = Schemas.RERUN_INPUT.fieldIndex("image_id");
    private static final int SOURCE = Schemas.RERUN_INPUT.fieldIndex("source");
    private static final int GROUND_TRUTH = Schemas.RERUN_INPUT.fieldIndex("ground_truth");
    private static final int WIDTH = Schemas.RERUN_INPUT.fieldIndex("width");
    private static final int HEIGHT = Schemas.RERUN_INPUT.fieldIndex("height");
    private static final int MASK_PNG = Schemas.RERUN_INPUT.fieldIndex("mask_png");
    private static final int RUN_ID = Schemas.RERUN_INPUT.fieldIndex("run_id");

    private final EvaluateSettings settings;
    private final boolean figures;

    RerunPartitions(EvaluateSettings settings, boolean figures) {
        this.settings = settings;
        this.figures = figures;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        return new BatchIterator(input);
    }

    /** An image decoded and waiting for its batch's forward pass. */
    private record Pending(Row in, Scoring.GroundTruth truth, GlobalStage.Prepared prepared) {
    }

    private final class BatchIterator extends BatchingIterator {
        private final MaskCodec masks = new MaskCodec(settings.config().limits());
        private final RefineStage refine = new RefineStage(settings.config().refine());
        private final FusionStage fusion = new FusionStage(settings.config().fusion());
        private GlobalStage global;

        BatchIterator(Iterator<Row> input) {
            super(input);
        }

        @Override
        protected void nextBatch() {
            List<Pending> batch = new ArrayList<>(settings.config().batchSize());
            while (batch.size() < settings.config().batchSize() && input.hasNext()) {
                Row in = input.next();
                String id = in.getString(IMAGE_ID);
                String truthUri = in.isNullAt(GROUND_TRUTH) ? null : in.getString(GROUND_TRUTH);
                Scoring.GroundTruth truth = null;
                if (truthUri != null) {
                    truth = Scoring.readGroundTruth(truthUri, settings.hadoop().get(), masks,
                            settings.config().limits().maxBytes());
                    if (!in.isNullAt(WIDTH) && !in.isNullAt(HEIGHT)) {
                        truth = truth.requireSize(in.getInt(WIDTH), in.getInt(HEIGHT));
                    }
                }
                if (!figures && (truth == null || !truth.ok())) {
                    ready.add(output(id, null, null, truth, null, null, null));
                    continue;
                }
                if (in.isNullAt(SOURCE)) {
                    ready.add(error(id, "missing", "no image with this id where the images were looked for", truth));
                    continue;
                }
                String source = in.getString(SOURCE);
                GlobalStage stage = stage();
                try {
                    byte[] bytes = HadoopFiles.read(source, settings.hadoop().get(),
                            settings.config().limits().maxBytes());
                    batch.add(new Pending(in, truth, stage.prepare(bytes)));
                } catch (IOException | ImageDecodeException | RuntimeException e) {
                    InputFailure failure = InputFailure.of(e);
                    ready.add(error(id, failure.reason(), failure.detail(), truth));
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            List<GlobalStage.Output> maps;
            try {
                maps = global.predict(batch.stream().map(Pending::prepared).toList());
            } catch (TranslateException | RuntimeException e) {
                for (Pending p : batch) {
                    ready.add(error(p.in().getString(IMAGE_ID), "inference_failed",
                            e.getClass().getSimpleName() + ": " + e.getMessage(), p.truth()));
                }
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                try {
                    ready.add(scored(p, fusion.fuse(refine.refine(maps.get(i)))));
                } catch (RuntimeException e) {
                    ready.add(error(p.in().getString(IMAGE_ID), "rerun_failed",
                            e.getClass().getSimpleName() + ": " + e.getMessage(), p.truth()));
                }
            }
        }

        private Row scored(Pending p, SegmentationResult r) {
            String id = p.in().getString(IMAGE_ID);
            BinaryMask truth = p.truth() != null && p.truth().ok() ? p.truth().mask() : null;
            List<Row> metrics = null;
            if (truth != null) {
                Scoring.Scores scores = Scoring.score(id, r, truth, settings.config().fusion(),
                        p.in().getString(RUN_ID));
                if (scores.failure() != null) {
                    return error(id, scores.failure().reason(), scores.failure().detail(), p.truth());
                }
                metrics = scores.rows();
            }
            Double agreement = null;
            if (!p.in().isNullAt(MASK_PNG)) {
                agreement = agreement((byte[]) p.in().get(MASK_PNG), r.mask());
            }
            return output(id, null, null, p.truth(), metrics, agreement, figures ? figure(r, truth) : null);
        }

        /** Jaccard of the re-run's fused mask against the stored one; null if that cannot be read. */
        private Double agreement(byte[] storedPng, BinaryMask rerun) {
            try {
                BinaryMask stored = masks.decode(storedPng);
                if (stored.width() != rerun.width() || stored.height() != rerun.height()) {
                    return 0.0;
                }
                return SegmentationScores.of(ConfusionCounts.of(rerun, stored)).jaccard();
            } catch (ImageDecodeException e) {
                return null;
            }
        }

        private byte[] figure(SegmentationResult r, BinaryMask truth) {
            try (MatHandle panels = Figures.panels(r, truth)) {
                int side = Math.max(r.stages().image().width(), r.stages().image().height());
                if (side <= settings.figureSide()) {
                    return ImageOps.encodePng(panels.mat());
                }
                double scale = (double) settings.figureSide() / side;
                try (MatHandle small = ImageOps.resize(panels.mat(),
                        Math.max(1, (int) Math.round(panels.width() * scale)),
                        Math.max(1, (int) Math.round(panels.height() * scale)))) {
                    return ImageOps.encodePng(small.mat());
                }
            }
        }

        private Row error(String id, String reason, String detail, Scoring.GroundTruth truth) {
            return output(id, reason, detail, truth, null, null, null);
        }

        /** A {@link Schemas#RERUN_OUTPUT} row; a non-null {@code reason} makes it an error row. */
        private Row output(String id, String reason, String detail, Scoring.GroundTruth truth, List<Row> metrics,
                Double agreement, byte[] figure) {
            return RowFactory.create(id, reason == null ? StageRows.OK : StageRows.ERROR, reason, detail,
                    truth == null ? null : truth.status(), agreement,
                    metrics == null ? null : CollectionConverters.asScala(metrics).toSeq(), figure);
        }

        /** The predictor opens at the first image; a model that cannot load fails the task. */
        private GlobalStage stage() {
            if (global == null) {
                global = ExecutorModels.openGlobalStage(settings.modelSpec(), settings.hadoop().get(), settings.config());
            }
            return global;
        }

        @Override
        protected void release() {
            if (global != null) {
                global.close();
            }
        }
    }
}
