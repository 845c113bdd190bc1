package dermaseg.pipeline;

import dermaseg.image.FloatMap;
import java.io.Serializable;

/**
 * A map in [0, 1] stored as one byte per pixel (value × 255, rounded). This is how the global
 * and local maps cross stage boundaries: a quarter of a float map's size and no boxing, and the
 * 1/255 step is far below any decision the later stages make. The single-image pipeline uses the
 * same representation, so it and the Spark job give identical masks.
 */
public record QuantizedMap(int width, int height, byte[] levels) implements Serializable {
    public QuantizedMap {
        if (levels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + width * height + " levels, got " + levels.length);
        }
    }

    public static QuantizedMap of(FloatMap map) {
        float[] d = map.data();
        byte[] q = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            q[i] = (byte) Math.round(Math.min(1f, Math.max(0f, d[i])) * 255f);
        }
        return new QuantizedMap(map.width(), map.height(), q);
    }

    public FloatMap toFloatMap() {
        float[] d = new float[levels.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (levels[i] & 0xff) / 255f;
        }
        return new FloatMap(width, height, d);
    }
}
