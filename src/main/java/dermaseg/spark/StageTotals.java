package dermaseg.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per metric stage, the images scored, the sums of every per-image score and the summed pixel
 * counts of {@link Schemas#METRICS} rows, added up over one or more sets of them: what the segment
 * job's {@code summary.json} and the evaluate job's summary and ablation table both report, so
 * that a mean or a pooled score means the same in either. One aggregation pass per set.
 */
final class StageTotals {
    private final Map<String, Long> images = new HashMap<>();
    /** Stage → sums in {@link Schemas#MEAN_SCORE_NAMES} order. */
    private final Map<String, double[]> scoreSums = new HashMap<>();
    /** Stage → sums in {@link Schemas#PIXEL_COUNT_NAMES} order. */
    private final Map<String, long[]> pixelSums = new HashMap<>();

    /** Adds rows with a {@code stage} column, every mean score and every pixel count. */
    void add(Dataset<Row> metrics) {
        List<Column> sums = new ArrayList<>();
        Schemas.MEAN_SCORE_NAMES.forEach(s -> sums.add(sum(s)));
        Schemas.PIXEL_COUNT_NAMES.forEach(c -> sums.add(sum(c)));
        int scores = Schemas.MEAN_SCORE_NAMES.size();
        for (Row r : metrics.groupBy("stage").agg(count("*"), sums.toArray(Column[]::new)).collectAsList()) {
            String stage = r.getString(0);
            images.merge(stage, r.getLong(1), Long::sum);
            double[] s = scoreSums.computeIfAbsent(stage, k -> new double[scores]);
            for (int i = 0; i < scores; i++) {
                s[i] += r.getDouble(2 + i);
            }
            long[] c = pixelSums.computeIfAbsent(stage, k -> new long[Schemas.PIXEL_COUNT_NAMES.size()]);
            for (int i = 0; i < c.length; i++) {
                c[i] += r.getLong(2 + scores + i);
            }
        }
    }

    /** Images scored at {@code stage}; 0 when none was. */
    long images(String stage) {
        return images.getOrDefault(stage, 0L);
    }

    /** Stage → score → mean over the images, for the stages with images, in pipeline order. */
    Map<String, Map<String, Double>> means() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String stage : scoredStages()) {
            Map<String, Double> m = new LinkedHashMap<>();
            double[] s = scoreSums.get(stage);
            for (int i = 0; i < s.length; i++) {
                m.put(Schemas.MEAN_SCORE_NAMES.get(i), s[i] / images.get(stage));
            }
            out.put(stage, m);
        }
        return out;
    }

    /** Stage → pooled Jaccard and Dice of the summed pixel counts, in pipeline order. */
    Map<String, Map<String, Double>> pooled() {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String stage : scoredStages()) {
            out.put(stage, pooled(pixelSums.get(stage)));
        }
        return out;
    }

    private List<String> scoredStages() {
        return Schemas.METRIC_STAGES.stream().filter(s -> images(s) > 0).toList();
    }

    /** Jaccard and Dice of all pixels counted together, from counts in {@link Schemas#PIXEL_COUNT_NAMES} order. */
    static Map<String, Double> pooled(long[] tpFpFnTn) {
        SegmentationScores s = SegmentationScores.of(new ConfusionCounts(tpFpFnTn[0], tpFpFnTn[1], tpFpFnTn[3],
                tpFpFnTn[2]));
        Map<String, Double> pooled = new LinkedHashMap<>();
        pooled.put("jaccard", s.jaccard());
        pooled.put("dice", s.dice());
        return pooled;
    }
}
