package dermaseg.spark;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dermaseg.fcn.ModelCard;
import dermaseg.pipeline.CardSettings;
import dermaseg.pipeline.RecordedSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code summary.json}: what a segment run did, at a glance. Counts come from the same rows that
 * were written to {@code masks/}, and metrics from the rows of {@code metrics/} (means of
 * per-image scores, and pooled scores from their pixel counts), so any Parquet reader recomputes
 * the same numbers.
 */
public final class RunSummary {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    public String runId;
    /** {@code folder} (a one-off Parquet output) or {@code table} (incremental Delta tables). */
    public String mode;
    public String modelVersion;
    /** {@link dermaseg.pipeline.SettingsHash} of the stage settings: with the model version, the rows' key. */
    public String settingsHash;
    public double fusionWeight;
    /*
     * The rest of the pipeline settings in force (the model card's with the command line's on
     * top), so that the evaluate job can re-run exactly this pipeline. Boxed: outputs written
     * before they were recorded read back as null.
     */
    public Integer analysisMaxSide;
    public Long maxPixels;
    public Long maxBytes;
    public ModelCard.Refine refine;
    /** Millimetres per pixel given for the descriptors' diameter_mm, or null. */
    public Double pixelSpacingMm;
    public List<String> input = new ArrayList<>();
    public String masks;
    public String output;
    public String started;
    public String finished;
    public double wallSeconds;
    public double imagesPerSecond;
    public int partitions;
    public int batchSize;
    /** Rows this run wrote (a table run: the images it segmented, or found to be errors, this time). */
    public long images;
    /** Files the listing found. */
    public long listed;
    /** Table runs: images whose row already held this key, left alone. */
    public long skipped;
    /** Table runs: images segmented again because their last result was an error of the environment or a --retry reason. */
    public long retried;
    /** Table runs: files read and hashed because their size or modification time changed. */
    public long hashed;
    /** Table runs: commits of this run, each one batch of images. */
    public int commits;
    public Map<String, Long> status = new LinkedHashMap<>();
    public Map<String, Long> errors = new LinkedHashMap<>();
    public Map<String, Long> groundTruth = new LinkedHashMap<>();
    /** Stage name → metric name → mean over the scored images (overlap scores and border distances). */
    public Map<String, Map<String, Double>> meanMetrics = new LinkedHashMap<>();
    /**
     * Stage name → {@code jaccard}, {@code dice} of all scored pixels counted together (sums of
     * {@code tp_pixels}, {@code fp_pixels}, {@code fn_pixels} over {@code metrics/}): every pixel
     * weighs the same, so large images and lesions count for more than in the means.
     */
    public Map<String, Map<String, Double>> pooledMetrics = new LinkedHashMap<>();
    /** Mean milliseconds per image in each stage, over the images that were segmented. */
    public Map<String, Double> meanStageMs = new LinkedHashMap<>();
    /** Executor (id/pid@host) → models loaded by that JVM by the end of its last task. */
    public Map<String, Integer> modelLoadsPerExecutor = new LinkedHashMap<>();

    /** The settings part: model, settings hash, and every setting the evaluate job re-runs with. */
    void settings(ResolvedSettings r) {
        modelVersion = r.modelVersion();
        settingsHash = r.settingsHash();
        fusionWeight = r.config().fusion().globalWeight();
        analysisMaxSide = r.config().analysisMaxSide();
        maxPixels = r.config().limits().maxPixels();
        maxBytes = r.config().limits().maxBytes();
        refine = CardSettings.record(r.config().refine());
        batchSize = r.config().batchSize();
        pixelSpacingMm = r.config().descriptors().pixelSpacingMm();
    }

    /** The pipeline settings a re-run of this run needs; empty when the summary predates their record. */
    Optional<RecordedSettings> recordedSettings() {
        return RecordedSettings.of(analysisMaxSide, fusionWeight, maxPixels, maxBytes, refine);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static RunSummary fromJson(String json) {
        return GSON.fromJson(json, RunSummary.class);
    }
}
