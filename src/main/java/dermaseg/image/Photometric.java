package dermaseg.image;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The changes of appearance that one camera, light or clinic makes against another, each on an
 * 8-bit BGR image in place: what training draws as augmentation and what the stress set applies
 * at fixed strengths, written once here. Also Shades of Gray colour constancy, which undoes the
 * first of them.
 */
public final class Photometric {
    private Photometric() {
    }

    /** {@code v ↦ 255·(v/255)^γ}: γ above 1 darkens the mid-tones, below 1 lightens them. */
    public static void gamma(Mat bgr, double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("gamma must be positive, not " + gamma);
        }
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (byte) Math.round(255 * Math.pow(v / 255.0, gamma));
        }
        try (MatHandle table = MatHandle.allocate(1, 256, CvType.CV_8UC1)) {
            table.mat().put(0, 0, lut);
            Core.LUT(bgr, table.mat(), bgr);
        }
    }

    /** Multiplies each channel by its gain (blue, green, red), saturating at 255: a colour cast. */
    public static void channelGains(Mat bgr, double blue, double green, double red) {
        Core.multiply(bgr, new Scalar(blue, green, red), bgr);
    }

    /** Gaussian blur of standard deviation {@code sigma} pixels: defocus, or a softer lens. */
    public static void blur(Mat bgr, double sigma) {
        if (sigma > 0) {
            Imgproc.GaussianBlur(bgr, bgr, new Size(0, 0), sigma, sigma, Core.BORDER_REFLECT_101);
        }
    }

    /** Encodes as JPEG at {@code quality} (1–100) and decodes again: a clinic's recompression. */
    public static void recompress(Mat bgr, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality lies in 1..100, not " + quality);
        }
        try (MatHandle encodedOwner = MatHandle.of(new MatOfByte());
                MatHandle paramsOwner = MatHandle.of(new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality))) {
            MatOfByte encoded = (MatOfByte) encodedOwner.mat();
            if (!Imgcodecs.imencode(".jpg", bgr, encoded, (MatOfInt) paramsOwner.mat())) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            try (MatHandle decoded = MatHandle.of(Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR))) {
                decoded.mat().copyTo(bgr);
            }
        }
    }

    /**
     * Darkens towards the corners: every pixel is multiplied by {@code 1 − strength·ρ^power}, where
     * ρ is its distance from ({@code cx}, {@code cy}) (fractions of width and height) over the
     * half-diagonal, capped at 1. Power 2 is a lens's gentle fall-off; a high power leaves the
     * centre alone and blackens the corners, as a dermatoscope's round field of view does.
     */
    public static void vignette(Mat bgr, double strength, double power, double cx, double cy) {
        if (strength < 0 || strength > 1 || !(power > 0)) {
            throw new IllegalArgumentException("a vignette's strength lies in [0, 1] and its power is positive");
        }
        int w = bgr.cols();
        int h = bgr.rows();
        double x0 = cx * w;
        double y0 = cy * h;
        double radius = Math.hypot(w / 2.0, h / 2.0);
        float[] factor = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double rho = Math.min(1, Math.hypot(x + 0.5 - x0, y + 0.5 - y0) / radius);
                factor[y * w + x] = (float) (1 - strength * Math.pow(rho, power));
            }
        }
        try (MatHandle f = MatHandle.allocate(h, w, CvType.CV_32FC1);
                MatHandle f3 = MatHandle.empty();
                MatHandle asFloat = MatHandle.empty()) {
            f.mat().put(0, 0, factor);
            Core.merge(List.of(f.mat(), f.mat(), f.mat()), f3.mat());
            bgr.convertTo(asFloat.mat(), CvType.CV_32FC3);
            Core.multiply(asFloat.mat(), f3.mat(), asFloat.mat());
            asFloat.mat().convertTo(bgr, CvType.CV_8UC3);
        }
    }

    /**
     * The illuminant as Shades of Gray estimates it (Finlayson and Trezzi, "Shades of gray and
     * colour constancy", CIC 2004): per channel the Minkowski p-mean {@code (mean v^p)^(1/p)} of
     * its values. p = 1 is Gray World, p → ∞ is max-RGB; p = 6 is what Barata et al. found best
     * for dermoscopy ("Improving dermoscopy image classification using color constancy", IEEE
     * JBHI 2015). Returned as blue, green, red.
     */
    public static double[] shadesOfGrayIlluminant(Mat bgr, double p) {
        if (!(p >= 1)) {
            throw new IllegalArgumentException("the Minkowski norm's p is at least 1, not " + p);
        }
        List<Mat> planes = new ArrayList<>(3);
        Core.split(bgr, planes);
        double[] e = new double[3];
        try (MatHandle b = MatHandle.of(planes.get(0));
                MatHandle g = MatHandle.of(planes.get(1));
                MatHandle r = MatHandle.of(planes.get(2))) {
            List<MatHandle> channels = List.of(b, g, r);
            // v^p for each of the 256 levels once, then a sum over the channel's histogram: no
            // power per pixel, which on a 1024-px analysis image would be three million of them.
            double[] powers = new double[256];
            for (int level = 0; level < 256; level++) {
                powers[level] = Math.pow(level / 255.0, p);
            }
            for (int c = 0; c < 3; c++) {
                byte[] v = MatHandle.copyBytes(channels.get(c).mat());
                long[] histogram = new long[256];
                for (byte x : v) {
                    histogram[x & 0xff]++;
                }
                double sum = 0;
                for (int level = 0; level < 256; level++) {
                    sum += histogram[level] * powers[level];
                }
                e[c] = 255 * Math.pow(sum / v.length, 1 / p);
            }
        }
        return e;
    }

    /**
     * Shades of Gray colour constancy: each channel is scaled so that the estimated illuminant
     * becomes grey, at the illuminant's mean level (so the image's overall brightness stays).
     * A black image (no illuminant to see) is left as it is.
     */
    public static void shadesOfGray(Mat bgr, double p) {
        double[] e = shadesOfGrayIlluminant(bgr, p);
        double mean = (e[0] + e[1] + e[2]) / 3;
        if (e[0] <= 0 || e[1] <= 0 || e[2] <= 0) {
            return;
        }
        channelGains(bgr, mean / e[0], mean / e[1], mean / e[2]);
    }
}
