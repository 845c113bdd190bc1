package dermaseg.superpixel;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Generated test images with known region boundaries: flat-coloured rectangles and discs on a
 * skin-toned background, with optional Gaussian noise. The ground truth is the index of the
 * shape that painted each pixel last (0 for background). Seeded, so every run gets the same image.
 */
public final class SyntheticImage {
    public final int width;
    public final int height;
    /** Interleaved BGR bytes, row-major. */
    public final byte[] bgr;
    /** Region index per pixel, row-major. */
    public final int[] truth;

    private SyntheticImage(int width, int height, byte[] bgr, int[] truth) {
        this.width = width;
        this.height = height;
        this.bgr = bgr;
        this.truth = truth;
    }

    /**
     * {@code shapes} rectangles and discs (alternating) of random position, size and colour,
     * each colour at least 60 (in summed BGR channel distance) from the background's.
     */
    public static SyntheticImage shapes(int width, int height, int shapes, double noise, long seed) {
        Random rnd = new Random(seed);
        int[] colours = new int[(shapes + 1) * 3];
        colours[0] = 150;
        colours[1] = 170;
        colours[2] = 210;
        int[] truth = new int[width * height];
        int minSide = Math.min(width, height);
        for (int s = 1; s <= shapes; s++) {
            int b;
            int g;
            int r;
            do {
                b = rnd.nextInt(256);
                g = rnd.nextInt(256);
                r = rnd.nextInt(256);
            } while (Math.abs(b - colours[0]) + Math.abs(g - colours[1]) + Math.abs(r - colours[2]) < 60);
            colours[3 * s] = b;
            colours[3 * s + 1] = g;
            colours[3 * s + 2] = r;
            int extent = Math.max(2, minSide / 8 + rnd.nextInt(Math.max(1, minSide / 4)));
            int cx = rnd.nextInt(width);
            int cy = rnd.nextInt(height);
            for (int y = Math.max(0, cy - extent); y < Math.min(height, cy + extent); y++) {
                for (int x = Math.max(0, cx - extent); x < Math.min(width, cx + extent); x++) {
                    boolean inside = s % 2 == 1
                            || (long) (x - cx) * (x - cx) + (long) (y - cy) * (y - cy)
                                    < (long) extent * extent;
                    if (inside) {
                        truth[y * width + x] = s;
                    }
                }
            }
        }
        byte[] bgr = new byte[width * height * 3];
        for (int i = 0; i < truth.length; i++) {
            int s = truth[i];
            for (int ch = 0; ch < 3; ch++) {
                double v = colours[3 * s + ch] + noise * rnd.nextGaussian();
                bgr[3 * i + ch] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
            }
        }
        return new SyntheticImage(width, height, bgr, truth);
    }

    /** A {@code CV_8UC3} copy, owned by the returned handle. */
    public MatHandle toMat() {
        OpenCv.load();
        Mat m = new Mat(height, width, CvType.CV_8UC3);
        m.put(0, 0, bgr);
        return MatHandle.of(m);
    }

    public LabImage lab() {
        try (MatHandle m = toMat()) {
            return LabImage.fromBgr(m.mat());
        }
    }
}
