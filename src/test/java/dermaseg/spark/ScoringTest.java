package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.fusion.FusionConfig;
import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;
import dermaseg.image.MaskCodec;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.MetricSummary;
import dermaseg.pipeline.AnalysisImage;
import dermaseg.pipeline.QuantizedMap;
import dermaseg.pipeline.RefineStage;
import dermaseg.pipeline.SegmentationResult;
import dermaseg.pipeline.StageTimings;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Ground-truth and scoring failures become statuses, never exceptions that would fail a task;
 * each stage's row holds the scores its columns name; pooled scores weigh pixels, not images.
 */
class ScoringTest {
    private static final int W = 20;
    private static final int H = 16;

    /** {@code [x0, x0 + 8) × [4, 12)} of a {@code W × H} image. */
    private static byte[] square(int x0) {
        byte[] p = new byte[W * H];
        for (int y = 4; y < 12; y++) {
            for (int x = x0; x < x0 + 8; x++) {
                p[y * W + x] = BinaryMask.ON;
            }
        }
        return p;
    }

    private static FloatMap map(byte[] mask) {
        float[] d = new float[mask.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = mask[i] != 0 ? 1 : 0;
        }
        return new FloatMap(W, H, d);
    }

    /**
     * The FCN's square one pixel left of the truth, the superpixel map's one pixel right, the
     * fused mask the truth itself. Against an 8 × 8 square one pixel off, by hand: 56 pixels
     * shared, 8 extra, 8 missed; of each border's 28 pixels 14 lie on the other border and 14 are
     * 1 away (HD95 1, ASSD 0.5), and the tolerance (0.75% of a 25.6 px diagonal) takes only the
     * 14 that coincide (boundary F 0.5).
     */
    @Test
    void eachStagesRowHoldsTheScoresItsColumnsName() {
        BinaryMask truth = new BinaryMask(W, H, square(5));
        RefineStage.Output stages = new RefineStage.Output(new AnalysisImage(W, H, new byte[W * H * 3], W, H),
                QuantizedMap.of(map(square(4))), QuantizedMap.of(map(square(6))), 1, Double.NaN, new StageTimings(), null);
        SegmentationResult r = new SegmentationResult(truth, new byte[0], 0.5f, 64, new int[] {5, 4, 8, 8}, 1, null, 0.7,
                stages, null);
        List<Row> rows = Scoring.stageScores(r, truth, FusionConfig.builder().build());
        assertEquals(Schemas.METRIC_STAGES.size(), rows.size());
        for (Row row : rows) {
            String stage = row.getString(0);
            boolean fused = stage.equals("fused");
            assertEquals(Schemas.STAGE_SCORES.size(), row.size());
            assertEquals(fused ? 1 : 56.0 / 72, value(row, "jaccard"), 1e-12, stage);
            assertEquals(fused ? 1 : 112.0 / 128, value(row, "dice"), 1e-12, stage);
            assertEquals(fused ? 0 : 1, value(row, "hd95_px"), 1e-6, stage);
            assertEquals(fused ? 0 : 1 / Math.hypot(W, H), value(row, "hd95_diagonal"), 1e-6, stage);
            assertEquals(fused ? 0 : 0.5, value(row, "assd_px"), 1e-6, stage);
            assertEquals(fused ? 1 : 0.5, value(row, "boundary_f"), 1e-12, stage);
            assertEquals(fused ? 64 : 56, count(row, "tp_pixels"), stage);
            assertEquals(fused ? 0 : 8, count(row, "fp_pixels"), stage);
            assertEquals(fused ? 0 : 8, count(row, "fn_pixels"), stage);
            assertEquals(W * H - (fused ? 64 : 72), count(row, "tn_pixels"), stage);
        }
    }

    private static double value(Row row, String column) {
        return row.getDouble(Schemas.STAGE_SCORES.fieldIndex(column));
    }

    private static long count(Row row, String column) {
        return row.getLong(Schemas.STAGE_SCORES.fieldIndex(column));
    }

    /**
     * A 10 × 10 image whose 4-pixel lesion is half found (Jaccard 1/2) and a 100 × 100 one whose
     * 1000-pixel lesion is found exactly (Jaccard 1): the mean of per-image scores is 3/4, the
     * pooled Jaccard 1002 / 1004, because the large image has 250 times the lesion pixels.
     */
    @Test
    void pooledScoresCountEveryPixelOnce() {
        byte[] smallTruth = new byte[100];
        byte[] smallFound = new byte[100];
        for (int i = 0; i < 4; i++) {
            smallTruth[i] = BinaryMask.ON;
            smallFound[i] = i < 2 ? BinaryMask.ON : 0;
        }
        byte[] large = new byte[100 * 100];
        for (int i = 0; i < 1000; i++) {
            large[i] = BinaryMask.ON;
        }
        ConfusionCounts small = ConfusionCounts.of(new BinaryMask(10, 10, smallFound), new BinaryMask(10, 10, smallTruth));
        ConfusionCounts whole = ConfusionCounts.of(new BinaryMask(100, 100, large), new BinaryMask(100, 100, large));
        ConfusionCounts sum = small.plus(whole);
        Map<String, Double> pooled = StageTotals.pooled(new long[] {sum.tp(), sum.fp(), sum.fn(), sum.tn()});
        assertEquals(1002.0 / 1004, pooled.get("jaccard"), 1e-12);
        assertEquals(2004.0 / 2006, pooled.get("dice"), 1e-12);
        MetricSummary single = MetricSummary.of(List.of(small, whole));
        assertEquals(0.75, single.meanOverImages().jaccard(), 1e-12);
        assertEquals(pooled.get("jaccard"), single.pooled().jaccard(), 1e-12, "the single-machine evaluate agrees");
    }

    @Test
    void aGroundTruthThatCannotBeReadIsAStatus() {
        // Not a valid URI (a space): taken as a path, which does not exist.
        Scoring.GroundTruth truth = Scoring.readGroundTruth("masks/not a uri.png", new Configuration(),
                new MaskCodec(), 1 << 20);
        assertNull(truth.mask());
        assertEquals("missing", truth.status());
        Scoring.GroundTruth garbage = Scoring.decodeGroundTruth("not a mask".getBytes(), new MaskCodec());
        assertNull(garbage.mask());
        assertEquals("unsupported_format", garbage.status());
    }

    @Test
    void aScoringFailureIsReportedNotThrown() {
        BinaryMask mask = BinaryMask.empty(8, 6);
        // No stage outputs: the ablation variants cannot be made, so scoring throws inside.
        SegmentationResult broken = new SegmentationResult(mask, new byte[0], 0.5f, 0, new int[4], 0, null, 0.7, null, null);
        Scoring.Scores scores = Scoring.score(broken, mask, FusionConfig.builder().build());
        assertNull(scores.rows());
        assertNotNull(scores.failure());
        assertEquals(Scoring.SCORING_FAILED, scores.failure().reason());
        assertTrue(scores.failure().detail().startsWith("NullPointerException"), scores.failure().detail());
    }
}
