package dermaseg.fusion;

import dermaseg.image.FloatMap;
import dermaseg.image.MatHandle;
import org.opencv.core.CvType;
import org.opencv.imgproc.Imgproc;

/**
 * Otsu's threshold ("A Threshold Selection Method from Gray-Level Histograms", IEEE SMC 1979) of
 * a map in [0, 1], computed by OpenCV's {@code THRESH_OTSU} on the map quantised to 256 levels.
 *
 * <p>Deviation: a map whose values span less than {@link #MIN_SPREAD} has no second mode to find;
 * Otsu would then split noise. Such a map gets the fixed threshold 0.5 instead, so that a
 * confidently empty (or confidently full) map stays so.
 */
public final class OtsuThreshold {
    static final float MIN_SPREAD = 0.1f;
    static final float FALLBACK = 0.5f;

    private OtsuThreshold() {
    }

    /** The threshold in [0, 1]; pixels {@code >= threshold} are foreground. */
    public static float of(FloatMap map) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : map.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max - min < MIN_SPREAD) {
            return FALLBACK;
        }
        float[] d = map.data();
        byte[] levels = new byte[d.length];
        for (int i = 0; i < d.length; i++) {
            levels[i] = (byte) Math.round(Math.min(1f, Math.max(0f, d[i])) * 255f);
        }
        try (MatHandle src = MatHandle.allocate(map.height(), map.width(), CvType.CV_8UC1);
                MatHandle dst = MatHandle.empty()) {
            src.mat().put(0, 0, levels);
            double t = Imgproc.threshold(src.mat(), dst.mat(), 0, 255,
                    Imgproc.THRESH_BINARY | Imgproc.THRESH_OTSU);
            // OpenCV marks levels > t as foreground. A value v became level round(255 v), which
            // exceeds t exactly when 255 v >= t + 0.5: the cut in [0, 1] units.
            return (float) ((t + 0.5) / 255.0);
        }
    }
}
