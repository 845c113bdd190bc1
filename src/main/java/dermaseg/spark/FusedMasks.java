package dermaseg.spark;

import dermaseg.descriptors.Asymmetry;
import dermaseg.descriptors.DermoscopicColour;
import dermaseg.descriptors.LesionDescriptors;
import dermaseg.image.BinaryMask;
import dermaseg.image.ImageOps;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.pipeline.Figures;
import dermaseg.pipeline.FusionStage;
import dermaseg.pipeline.SegmentationResult;
import dermaseg.pipeline.StageTimings;
import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Stage 3 of {@link LesionSegmentation}: fusion, Otsu, clean-up and the mask PNG; where the row
 * has ground truth, the image's scores for the FCN alone ({@code fcn}, threshold 0.5), the
 * superpixel map alone ({@code superpixel}) and the fused result ({@code fused}); the figure when
 * asked for. Each output row is the input row with the {@link Schemas#SEGMENTATION} columns (and
 * {@link Schemas#SCORING}, {@link Schemas#FIGURE}) appended.
 *
 * <p>A ground-truth problem never costs the image its mask: the row keeps its mask, its
 * {@code ground_truth_status} says what was wrong (or {@code scoring_failed} when scoring itself
 * threw), and it has no metrics.
 */
final class FusedMasks implements FlatMapFunction<Iterator<InFlight.Refined>, Row> {
    private static final long serialVersionUID = 1L;
    static final String OK = "ok";
    static final String ERROR = "error";

    private final SegmentationTask task;

    FusedMasks(SegmentationTask task) {
        this.task = task;
    }

    @Override
    public Iterator<Row> call(Iterator<InFlight.Refined> input) {
        ResolvedSettings settings = task.settings();
        FusionStage stage = new FusionStage(settings.config().fusion(), settings.config().descriptors(),
                settings.uncertainty());
        MaskCodec masks = new MaskCodec(task.settings().config().limits());
        return Iterators.map(input, in -> {
            if (in.failure() != null) {
                return row(in.header(), error(in.failure()), null);
            }
            SegmentationResult result;
            try {
                result = stage.fuse(in.maps());
            } catch (RuntimeException e) {
                return row(in.header(), error(InFlight.Failure.of("fusion_failed", e, in.maps().timings())), null);
            }
            Scoring.GroundTruth truth = task.scoring() ? groundTruth(in.header().input(), masks, result) : null;
            return row(in.header(), ok(result), scored(result, truth, in.header().imageId()));
        });
    }

    /** The row's ground truth, from its mask bytes or the file its mask path names; null if it has none. */
    private Scoring.GroundTruth groundTruth(Row in, MaskCodec codec, SegmentationResult r) {
        SegmentationTask.InputColumns c = task.columns();
        Scoring.GroundTruth truth;
        if (c.mask() >= 0) {
            truth = in.isNullAt(c.mask()) ? null : Scoring.decodeGroundTruth((byte[]) in.get(c.mask()), codec);
        } else {
            truth = in.isNullAt(c.maskPath()) ? null : Scoring.readGroundTruth(in.getString(c.maskPath()),
                    task.hadoop().get(), codec, task.settings().config().limits().maxBytes());
        }
        return truth == null ? null : truth.requireSize(r.width(), r.height());
    }

    /** The {@link Schemas#SCORING} and {@link Schemas#FIGURE} values of an image with a mask. */
    private Object[] scored(SegmentationResult r, Scoring.GroundTruth truth, String imageId) {
        Object[] v = new Object[3];
        if (truth != null) {
            v[0] = truth.status();
            if (truth.ok()) {
                Scoring.Scores scores = Scoring.score(r, truth.mask(), task.settings().config().fusion());
                if (scores.failure() != null) {
                    v[0] = scores.failure().reason();
                } else {
                    v[1] = scores.rows().toArray(new Row[0]);  // an array: Scala 2.12 and 2.13 alike
                }
            }
        }
        if (task.figures()) {
            v[2] = figure(r, truth != null && truth.ok() ? truth.mask() : null, imageId);
        }
        return v;
    }

    private byte[] figure(SegmentationResult r, BinaryMask truth, String imageId) {
        try (MatHandle figure = Figures.figure(r, truth, imageId, task.figureMaxSide())) {
            return ImageOps.encodePng(figure.mat());
        }
    }

    private static Object[] ok(SegmentationResult r) {
        Object[] v = new Object[Schemas.SEGMENTATION.size()];
        StageTimings t = r.timings();
        int[] box = r.box();
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
        put(v, "uncertainty", r.uncertainty());
        put(v, "otsu_threshold", (double) r.otsuThreshold());
        put(v, "fusion_weight", r.fusionWeight());
        put(v, "superpixel_count", r.superpixelCount());
        if (r.descriptors() != null) {
            descriptors(v, r.descriptors());
        }
        timings(v, t);
        put(v, "fusion_ms", t.fusionMs());
        put(v, "descriptors_ms", t.descriptorsMs());
        put(v, "encode_ms", t.encodeMs());
        put(v, "status", OK);
        return v;
    }

    /** The ABCD columns; left null where the image has no lesion to describe. */
    private static void descriptors(Object[] v, LesionDescriptors d) {
        Asymmetry a = d.asymmetry();
        put(v, "asymmetry_score", a.score());
        put(v, "asymmetry_axis_degrees", a.axisDegrees());
        put(v, "shape_asymmetry_1", a.shape1());
        put(v, "shape_asymmetry_2", a.shape2());
        put(v, "colour_asymmetry_1", a.colour1());
        put(v, "colour_asymmetry_2", a.colour2());
        put(v, "compactness", d.border().compactness());
        put(v, "border_abruptness", seq(d.border().abruptness()));
        put(v, "border_score", d.border().score());
        put(v, "colours", seq(d.colours().present().stream().map(DermoscopicColour::label).toList()));
        put(v, "colour_fractions", seq(d.colours().fractions()));
        put(v, "colour_score", d.colours().score());
        put(v, "diameter_px", d.diameterPx());
        put(v, "diameter_mm", d.diameterMm());
        put(v, "pixel_spacing_mm", d.pixelSpacingMm());
        put(v, "tds_without_structures", d.tdsWithoutStructures());
    }

    /** An array column's value: a Java array, which Spark converts alike under Scala 2.12 and 2.13. */
    private static Object seq(List<?> values) {
        return values.toArray();
    }

    private static Object[] error(InFlight.Failure f) {
        Object[] v = new Object[Schemas.SEGMENTATION.size()];
        if (f.timings() != null) {
            timings(v, f.timings());
        }
        put(v, "status", ERROR);
        put(v, "uncertainty", errorUncertainty(f.reason()));
        put(v, "error", f.reason());
        put(v, "error_detail", f.detail());
        return v;
    }

    /**
     * An error row's uncertainty: 1 when the input itself is at fault (blank, undecodable, not a
     * regular file...), since nothing about it can be trusted and a person must look; none when
     * the environment failed, which says nothing of the image and is tried again.
     */
    static Double errorUncertainty(String reason) {
        return TableOutput.RETRIED.contains(reason) ? null : 1.0;
    }

    /** The timings every stage up to fusion has: zeros of stages not reached are left out. */
    private static void timings(Object[] v, StageTimings t) {
        put(v, "decode_ms", t.decodeMs());
        put(v, "fcn_ms", t.fcnMs());
        if (t.superpixelMs() > 0 || t.rankingMs() > 0) {
            put(v, "superpixel_ms", t.superpixelMs());
            put(v, "ranking_ms", t.rankingMs());
        }
    }

    /** Input values, then {@code image_id} if appended, segmentation, scoring and figure values. */
    private Row row(InFlight.Header h, Object[] segmentation, Object[] scored) {
        put(segmentation, "content_hash", h.contentHash());
        put(segmentation, "model_version", task.settings().modelVersion());
        put(segmentation, "settings_hash", task.settingsHash());
        put(segmentation, "executor", Executor.NAME);
        put(segmentation, "model_loads", h.modelLoads());
        Audit.segmented(h.imageId(), (String) segmentation[Schemas.SEGMENTATION.fieldIndex("status")]);
        Row in = h.input();
        SegmentationTask.InputColumns c = task.columns();
        int size = in.size() + (c.appendId() ? 1 : 0) + segmentation.length + (task.scoring() ? 2 : 0)
                + (task.figures() ? 1 : 0);
        Object[] v = new Object[size];
        int at = 0;
        for (int i = 0; i < in.size(); i++) {
            v[at++] = in.get(i);
        }
        if (c.appendId()) {
            v[at++] = h.imageId();
        }
        System.arraycopy(segmentation, 0, v, at, segmentation.length);
        at += segmentation.length;
        if (task.scoring()) {
            v[at++] = scored == null ? null : scored[0];
            v[at++] = scored == null ? null : scored[1];
        }
        if (task.figures()) {
            v[at] = scored == null ? null : scored[2];
        }
        return RowFactory.create(v);
    }

    private static void put(Object[] values, String column, Object value) {
        values[Schemas.SEGMENTATION.fieldIndex(column)] = value;
    }

    /** This JVM, as executor id and {@code pid@host}: what "once per executor" is counted by. */
    static final class Executor {
        static final String NAME = name();

        private Executor() {
        }

        private static String name() {
            SparkEnv env = SparkEnv.get();
            String id = env == null ? "none" : env.executorId();
            return id + "/" + ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
