package dermaseg.dataset;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code dataset.json}: what every row of a dataset has in common and every later run must keep.
 * The split ratios because changing them would move ids between splits (a test pair could end up
 * in training); the stored size because rows of different sizes would silently mix; the format
 * version because a change in how pairs are validated or stored would leave the unchanged pairs
 * in the old form. To change any of them, prepare into a new output.
 *
 * <p>A plain data carrier with public fields: it exists to be serialised by Gson.
 */
public final class DatasetParameters {
    /** Bumped whenever validation or the stored form of a pair changes. */
    public static final int FORMAT_VERSION = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    public int formatVersion = FORMAT_VERSION;
    /** The stored images' longest side at most, in pixels. */
    public int longerSide;
    /** Split name to ratio. */
    public Map<String, Double> split = new LinkedHashMap<>();
    public String splitFunction = "first 53 bits of SHA-256(UTF-8 id) / 2^53, against cumulative train, "
            + "validation, test ratios";
    public String image = "PNG of the decoded 8-bit BGR pixels, longer side shrunk (area) to at most longerSide";
    public String mask = "PNG, 8-bit single channel, 0 and 255, resized by nearest neighbour (pixel centres)";
    public String contentHash = "SHA-256 over 'image <sha256>' and 'mask <sha256>' lines, see ContentHash";
    /** The run that created the dataset. */
    public String createdBy;

    public static DatasetParameters of(int longerSide, SplitRatios ratios, String runId) {
        DatasetParameters p = new DatasetParameters();
        p.longerSide = longerSide;
        p.split = ratios.asMap();
        p.createdBy = runId;
        return p;
    }

    public SplitRatios ratios() {
        return new SplitRatios(ratio(SplitRatios.TRAIN), ratio(SplitRatios.VALIDATION), ratio(SplitRatios.TEST));
    }

    /** Why a run asking for {@code wanted} may not extend this dataset, or null when it may. */
    public String incompatibility(DatasetParameters wanted) {
        if (formatVersion != wanted.formatVersion) {
            return "the dataset has format version " + formatVersion + ", this build writes " + wanted.formatVersion;
        }
        if (longerSide != wanted.longerSide) {
            return String.format(Locale.ROOT, "the dataset stores images at longer side %d, not %d", longerSide,
                    wanted.longerSide);
        }
        if (!ratios().equals(wanted.ratios())) {
            return "the dataset is split " + ratios() + ", not " + wanted.ratios()
                    + " (other ratios would move pairs between splits)";
        }
        return null;
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static DatasetParameters fromJson(String json) {
        DatasetParameters p = GSON.fromJson(json, DatasetParameters.class);
        if (p == null || p.longerSide < 1 || p.split == null) {
            throw new IllegalArgumentException("not a dataset.json: " + json);
        }
        return p;
    }

    private double ratio(String split) {
        return this.split.getOrDefault(split, 0.0);
    }
}
