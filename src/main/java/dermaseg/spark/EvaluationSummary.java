package dermaseg.spark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data/summary.json} of an evaluation report: the numbers on the page, from the report's
 * own Parquet tables, for scripts that would rather not parse HTML.
 */
public final class EvaluationSummary {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    public String segmentOutput;
    public String segmentRunId;
    public String modelVersion;
    public String masks;
    public String report;
    public String started;
    public double wallSeconds;
    /** Rows of the segment run's {@code masks/}. */
    public long images;
    /** Images per outcome: scored, segment_error, no_ground_truth, ground_truth_error, rerun_error. */
    public Map<String, Long> outcomes = new LinkedHashMap<>();
    /** Images not scored, per {@code outcome/reason}. */
    public Map<String, Long> reasons = new LinkedHashMap<>();
    /** Scored images per origin of their metrics: segment (reused) or rerun. */
    public Map<String, Long> origins = new LinkedHashMap<>();
    /** Stage → metric → mean over the scored images (overlap scores and border distances). */
    public Map<String, Map<String, Double>> meanMetrics = new LinkedHashMap<>();
    /** Stage → {@code jaccard}, {@code dice} of all scored pixels counted together (summed pixel counts). */
    public Map<String, Map<String, Double>> pooledMetrics = new LinkedHashMap<>();
    /** Images run through the pipeline again to score them. */
    public long rerunImages;
    /** Lowest Jaccard between a re-run's fused mask and the stored one (1 when all reproduce), or null. */
    public Double lowestRerunAgreement;
    public List<String> worst = new ArrayList<>();
    public List<String> best = new ArrayList<>();
    public List<String> named = new ArrayList<>();
    /** Warnings shown at the top of the report. */
    public List<String> notes = new ArrayList<>();
    /**
     * How well {@code uncertainty} ranked the scored images by fused Jaccard: {@code spearman}
     * (ρ with 1 − Jaccard), {@code mostUncertainImages} (the tenth), {@code mostUncertainMeanJaccard},
     * {@code restMeanJaccard}; null without uncertainty or with fewer than three scored images.
     */
    public Map<String, Double> uncertaintyRanking;

    public String toJson() {
        return GSON.toJson(this);
    }

    public static EvaluationSummary fromJson(String json) {
        return GSON.fromJson(json, EvaluationSummary.class);
    }
}
