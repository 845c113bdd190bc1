package dermaseg.pipeline;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Milliseconds spent on one image in each stage. Batched FCN inference is shared out evenly
 * among the images of the batch.
 */
public final class StageTimings implements Serializable {
    private static final long serialVersionUID = 1L;

    private double decodeMs;
    private double fcnMs;
    private double superpixelMs;
    private double rankingMs;
    private double fusionMs;
    private double descriptorsMs;
    private double encodeMs;

    /** Timings carried over from elsewhere, e.g. a row between two Spark stages. */
    public static StageTimings of(double decodeMs, double fcnMs, double superpixelMs, double rankingMs,
            double fusionMs, double descriptorsMs, double encodeMs) {
        return new StageTimings().decode(decodeMs).fcn(fcnMs).superpixel(superpixelMs).ranking(rankingMs)
                .fusion(fusionMs).descriptors(descriptorsMs).encode(encodeMs);
    }

    /**
     * A copy for the next stage to add to: one stage output may feed several later ones (tune
     * refines one FCN output many ways), and each must keep its own figures.
     */
    StageTimings copy() {
        return of(decodeMs, fcnMs, superpixelMs, rankingMs, fusionMs, descriptorsMs, encodeMs);
    }

    public double decodeMs() {
        return decodeMs;
    }

    public double fcnMs() {
        return fcnMs;
    }

    public double superpixelMs() {
        return superpixelMs;
    }

    public double rankingMs() {
        return rankingMs;
    }

    public double fusionMs() {
        return fusionMs;
    }

    /** The ABCD descriptors; 0 where they are not computed. */
    public double descriptorsMs() {
        return descriptorsMs;
    }

    public double encodeMs() {
        return encodeMs;
    }

    public double totalMs() {
        return decodeMs + fcnMs + superpixelMs + rankingMs + fusionMs + descriptorsMs + encodeMs;
    }

    StageTimings decode(double ms) {
        this.decodeMs = ms;
        return this;
    }

    StageTimings fcn(double ms) {
        this.fcnMs = ms;
        return this;
    }

    StageTimings superpixel(double ms) {
        this.superpixelMs = ms;
        return this;
    }

    StageTimings ranking(double ms) {
        this.rankingMs = ms;
        return this;
    }

    StageTimings fusion(double ms) {
        this.fusionMs = ms;
        return this;
    }

    StageTimings descriptors(double ms) {
        this.descriptorsMs = ms;
        return this;
    }

    StageTimings encode(double ms) {
        this.encodeMs = ms;
        return this;
    }

    /** Stage name to milliseconds, in pipeline order. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("decode", decodeMs);
        m.put("fcn", fcnMs);
        m.put("superpixel", superpixelMs);
        m.put("ranking", rankingMs);
        m.put("fusion", fusionMs);
        m.put("descriptors", descriptorsMs);
        m.put("encode", encodeMs);
        return m;
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
