package dermaseg.descriptors;

import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import dermaseg.superpixel.LabImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The lesion and a margin of skin around it, resampled to a small grid: the mask from its full
 * resolution, the colours (CIELAB) from the analysis image. Every descriptor is measured here, so
 * a 30-megapixel image costs what a small one does, and the lesion, not the image, decides the
 * grid's scale: a small lesion in a large image is not measured on a handful of pixels. The grid
 * is never finer than the analysis image (no pixel is invented).
 *
 * <p>Grid pixels are square up to rounding ({@link #originalPixelsX} and {@link #originalPixelsY}
 * differ by well under 1%), so the shape measures treat them as square; lengths are converted to
 * original pixels axis by axis.
 */
final class LesionGrid {
    /** Skin kept on each side of the lesion's bounding box, as a fraction of its longer side. */
    static final double MARGIN = 0.15;
    /** The least margin in grid pixels: the border measures look this far outside. */
    static final int MIN_MARGIN_PIXELS = Border.MIN_BAND + 2;

    final int width;
    final int height;
    /** 1 for lesion, 0 for skin, row-major. */
    final byte[] lesion;
    final LabImage lab;
    /** Original pixels per grid pixel, along x and along y. */
    final double originalPixelsX;
    final double originalPixelsY;

    private LesionGrid(int width, int height, byte[] lesion, LabImage lab, double originalPixelsX,
            double originalPixelsY) {
        this.width = width;
        this.height = height;
        this.lesion = lesion;
        this.lab = lab;
        this.originalPixelsX = originalPixelsX;
        this.originalPixelsY = originalPixelsY;
    }

    /**
     * @param mask        the lesion mask at the original resolution
     * @param box         its {@link BinaryMask#boundingBox()}
     * @param analysisBgr the image at analysis resolution ({@code CV_8UC3}, the mask's aspect ratio)
     * @return the grid, or null when the mask has no lesion
     */
    static LesionGrid of(BinaryMask mask, int[] box, Mat analysisBgr, int gridMaxSide) {
        if (box[2] == 0) {
            return null;
        }
        int aw = analysisBgr.cols();
        int ah = analysisBgr.rows();
        double fx = (double) aw / mask.width();
        double fy = (double) ah / mask.height();
        // The lesion's box in analysis pixels, then the crop: the box, a margin, inside the image.
        double bx0 = box[0] * fx;
        double by0 = box[1] * fy;
        double bx1 = (box[0] + box[2]) * fx;
        double by1 = (box[1] + box[3]) * fy;
        double longer = Math.max(bx1 - bx0, by1 - by0);
        // The least margin is in grid pixels: estimate the scale first, then fix it on the crop.
        double estimate = Math.min(1, gridMaxSide / (longer * (1 + 2 * MARGIN)));
        double margin = Math.max(MARGIN * longer, MIN_MARGIN_PIXELS / estimate);
        int cx0 = Math.max(0, (int) Math.floor(bx0 - margin));
        int cy0 = Math.max(0, (int) Math.floor(by0 - margin));
        int cx1 = Math.min(aw, (int) Math.ceil(bx1 + margin));
        int cy1 = Math.min(ah, (int) Math.ceil(by1 + margin));
        double scale = Math.min(1, (double) gridMaxSide / Math.max(cx1 - cx0, cy1 - cy0));
        int gw = Math.max(1, (int) Math.round((cx1 - cx0) * scale));
        int gh = Math.max(1, (int) Math.round((cy1 - cy0) * scale));
        // The same crop in original pixels.
        int ox0 = (int) Math.round(cx0 / fx);
        int oy0 = (int) Math.round(cy0 / fy);
        int ox1 = Math.min(mask.width(), (int) Math.round(cx1 / fx));
        int oy1 = Math.min(mask.height(), (int) Math.round(cy1 / fy));
        LabImage lab;
        try (MatHandle crop = MatHandle.of(analysisBgr.submat(new Rect(cx0, cy0, cx1 - cx0, cy1 - cy0)));
                MatHandle grid = resized(crop.mat(), gw, gh)) {
            lab = LabImage.fromBgr(grid.mat());
        }
        byte[] lesion = resampledMask(mask, ox0, oy0, ox1, oy1, gw, gh);
        return new LesionGrid(gw, gh, lesion, lab, (double) (ox1 - ox0) / gw, (double) (oy1 - oy0) / gh);
    }

    /** Area averaging: the grid is never larger than its source. */
    private static MatHandle resized(Mat source, int width, int height) {
        if (source.cols() == width && source.rows() == height) {
            return MatHandle.of(source.clone());
        }
        return MatHandle.filled(m -> Imgproc.resize(source, m, new Size(width, height), 0, 0, Imgproc.INTER_AREA));
    }

    /**
     * Subsamples per grid pixel side, at most, when the mask is much finer than the grid: each grid
     * pixel's coverage is then the mean of {@value}² samples of the mask (to within 1/{@value}² of
     * the true fraction), at a cost set by the grid, not by the mask. Area-averaging a 30-megapixel
     * mask directly costs over 100 ms.
     */
    static final int SUBSAMPLES = 4;

    /**
     * The mask's {@code [x0, x1) × [y0, y1)} area-averaged onto the grid, a grid pixel lesion when
     * at least half of what it covers is: the lesion keeps its area.
     */
    private static byte[] resampledMask(BinaryMask mask, int x0, int y0, int x1, int y1, int width, int height) {
        int w = x1 - x0;
        int h = y1 - y0;
        // The crop itself, or its samples at SUBSAMPLES × the grid when it is finer than that.
        int sw = Math.min(w, SUBSAMPLES * width);
        int sh = Math.min(h, SUBSAMPLES * height);
        byte[] samples = new byte[sw * sh];
        for (int y = 0; y < sh; y++) {
            int row = (y0 + (int) ((y + 0.5) * h / sh)) * mask.width() + x0;
            for (int x = 0; x < sw; x++) {
                samples[y * sw + x] = mask.pixels()[row + (int) ((x + 0.5) * w / sw)];
            }
        }
        byte[] out = new byte[width * height];
        try (MatHandle source = MatHandle.allocate(sh, sw, CvType.CV_8UC1)) {
            source.mat().put(0, 0, samples);
            try (MatHandle grid = resized(source.mat(), width, height)) {
                grid.mat().get(0, 0, out);
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((out[i] & 0xff) >= 128 ? 1 : 0);
        }
        return out;
    }

    /** Number of lesion pixels on the grid. */
    int area() {
        int n = 0;
        for (byte b : lesion) {
            n += b;
        }
        return n;
    }

    /** The grid's lesion as a {@code CV_8UC1} Mat, 255 for lesion, owned by the caller. */
    MatHandle lesionMat() {
        byte[] p = new byte[lesion.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (lesion[i] * 255);
        }
        MatHandle m = MatHandle.allocate(height, width, CvType.CV_8UC1);
        m.mat().put(0, 0, p);
        return m;
    }
}
