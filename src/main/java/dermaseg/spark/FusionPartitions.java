package dermaseg.spark;

import dermaseg.image.MaskCodec;
import dermaseg.pipeline.FusionStage;
import dermaseg.pipeline.SegmentationResult;
import dermaseg.pipeline.StageTimings;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Stage 3 of the segment job: fusion, Otsu, clean-up and the mask PNG; and, where the image has
 * a ground-truth mask, its scores for the FCN alone ({@code fcn}, threshold 0.5), the superpixel
 * map alone ({@code superpixel}) and the fused result ({@code fused}). Produces
 * {@link Schemas#RESULT} rows: the {@code masks/} row with its {@code metrics/} rows nested.
 *
 * <p>A ground-truth problem never costs the image its mask: the mask row is written, its
 * {@code ground_truth_status} says what was wrong (or {@code scoring_failed} when scoring
 * itself threw), and it simply has no metrics.
 */
final class FusionPartitions implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final SegmentSettings settings;

    FusionPartitions(SegmentSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        FusionStage stage = new FusionStage(settings.config().fusion());
        MaskCodec masks = new MaskCodec(settings.config().limits());
        return StageRows.mapEach(input, in -> {
            if (!StageRows.isOk(in)) {
                return errorResult(in, in.getString(StageRows.ERROR_REASON), in.getString(StageRows.ERROR_DETAIL));
            }
            SegmentationResult result;
            try {
                result = stage.fuse(StageRows.toLocal(in));
            } catch (RuntimeException e) {
                return errorResult(in, "fusion_failed", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return okResult(in, result, masks);
        });
    }

    private Row okResult(Row in, SegmentationResult r, MaskCodec masks) {
        String truthUri = in.getString(StageRows.GROUND_TRUTH);
        String truthStatus = null;
        List<Row> metrics = null;
        if (truthUri != null) {
            Scoring.GroundTruth truth = Scoring.readGroundTruth(truthUri, settings.hadoop().get(), masks,
                    settings.config().limits().maxBytes()).requireSize(r.width(), r.height());
            truthStatus = truth.status();
            if (truth.ok()) {
                Scoring.Scores scores = Scoring.score(in.getString(StageRows.IMAGE_ID), r, truth.mask(),
                        settings.config().fusion(), settings.runId());
                metrics = scores.rows();
                if (scores.failure() != null) {
                    truthStatus = scores.failure().reason();
                }
            }
        }
        StageTimings t = r.timings();
        int[] box = r.box();
        Object[] v = new Object[Schemas.RESULT.size()];
        put(v, "image_id", in.getString(StageRows.IMAGE_ID));
        put(v, "source", in.getString(StageRows.SOURCE));
        put(v, "width", r.width());
        put(v, "height", r.height());
        put(v, "mask_png", r.maskPng());
        put(v, "lesion_area", r.lesionArea());
        put(v, "lesion_fraction", r.lesionFraction());
        put(v, "bbox_x", box[0]);
        put(v, "bbox_y", box[1]);
        put(v, "bbox_width", box[2]);
        put(v, "bbox_height", box[3]);
        put(v, "mean_fcn_probability", r.meanFcnProbability());
        put(v, "otsu_threshold", (double) r.otsuThreshold());
        put(v, "fusion_weight", r.fusionWeight());
        put(v, "superpixel_count", r.superpixelCount());
        put(v, "decode_ms", t.decodeMs());
        put(v, "fcn_ms", t.fcnMs());
        put(v, "superpixel_ms", t.superpixelMs());
        put(v, "ranking_ms", t.rankingMs());
        put(v, "fusion_ms", t.fusionMs());
        put(v, "encode_ms", t.encodeMs());
        put(v, "ground_truth", truthUri);
        put(v, "ground_truth_status", truthStatus);
        put(v, "model_version", settings.modelVersion());
        put(v, "run_id", settings.runId());
        put(v, "executor", in.get(StageRows.EXECUTOR));
        put(v, "status", StageRows.OK);
        put(v, "metrics", metrics == null ? null : CollectionConverters.asScala(metrics).toSeq());
        put(v, "model_loads", in.get(StageRows.MODEL_LOADS));
        return RowFactory.create(v);
    }

    private Row errorResult(Row in, String reason, String detail) {
        Object[] v = new Object[Schemas.RESULT.size()];
        put(v, "image_id", in.getString(StageRows.IMAGE_ID));
        put(v, "source", in.getString(StageRows.SOURCE));
        put(v, "width", in.get(StageRows.WIDTH));
        put(v, "height", in.get(StageRows.HEIGHT));
        put(v, "decode_ms", in.get(StageRows.DECODE_MS));
        put(v, "fcn_ms", in.get(StageRows.FCN_MS));
        put(v, "superpixel_ms", in.get(StageRows.SUPERPIXEL_MS));
        put(v, "ranking_ms", in.get(StageRows.RANKING_MS));
        put(v, "ground_truth", in.getString(StageRows.GROUND_TRUTH));
        put(v, "model_version", settings.modelVersion());
        put(v, "run_id", settings.runId());
        put(v, "executor", in.get(StageRows.EXECUTOR));
        put(v, "status", StageRows.ERROR);
        put(v, "error", reason);
        put(v, "error_detail", detail);
        put(v, "model_loads", in.get(StageRows.MODEL_LOADS));
        return RowFactory.create(v);
    }

    private static void put(Object[] values, String column, Object value) {
        values[Schemas.RESULT.fieldIndex(column)] = value;
    }
}
