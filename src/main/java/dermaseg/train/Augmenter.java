package dermaseg.train;

import dermaseg.fcn.FcnPreprocessor;
import dermaseg.image.ColourConstancy;
import dermaseg.image.MatHandle;
import dermaseg.image.Photometric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.imgproc.Moments;

/**
 * Makes one training sample from an image/mask pair: the pair is brought to the working square
 * exactly as at inference ({@link FcnPreprocessor#resizeToSquare}), then rotated and scaled about
 * the lesion centroid, flipped, and colour-jittered.
 *
 * <p>Rotation about the lesion centroid is the augmentation of Bozorgtabar et al. (IBM J. Res.
 * Dev. 2017): it keeps the lesion in view whatever the angle, where rotating about the image
 * centre would push an off-centre lesion out of the frame. Rotations happen in the working square,
 * so a non-square image's lesion is rotated in squashed coordinates; that adds a mild aspect
 * jitter, which is harmless and cheaper than a second resampling. Borders are reflected so that
 * no artificial black corners teach the network a shortcut (real dermoscopy vignettes are round).
 *
 * <p>Of the colour jitter, only saturation and hue change what the network sees. Brightness and
 * contrast are one affine change {@code a·v + b} (with {@code a > 0}) of every channel, and
 * {@link FcnPreprocessor#standardisedChw} standardises each channel per image, which undoes it
 * exactly; they act only where the 8-bit result clips at 0 or 255 (and through rounding to 8 bits).
 * They are kept because the shipped model was trained with them and removing their draws would
 * change every later draw, so the README's training command would no longer reproduce it. The
 * contrast pivot is {@code Core.mean(img).val[0]}, the mean of the blue channel only, not of all
 * channels; since the offset is cancelled anyway, the pivot only decides which pixels clip, and it
 * is left as it was so that training stays reproducible.
 */
public final class Augmenter {
    private final AugmentConfig config;
    private final int size;
    private final ColourConstancy colourConstancy;

    public Augmenter(AugmentConfig config, int workingSize) {
        this(config, workingSize, ColourConstancy.none());
    }

    /**
     * @param colourConstancy applied last, after every change of appearance, as inference applies it
     *                        to an image that its camera and light have already changed
     */
    public Augmenter(AugmentConfig config, int workingSize, ColourConstancy colourConstancy) {
        this.config = config;
        this.size = workingSize;
        this.colourConstancy = colourConstancy;
    }

    /** The network input ({@code 3·S·S}, standardised) and target ({@code S·S}, 0 or 1). */
    public record Sample(float[] input, float[] target) {
    }

    /**
     * @param bgr  the image, {@code CV_8UC3}, any size
     * @param mask the ground truth, {@code CV_8UC1}, same size, lesion non-zero
     * @param rng  the sample's own random source, so samples are reproducible in any order
     */
    public Sample sample(Mat bgr, Mat mask, Random rng) {
        try (MatHandle img = FcnPreprocessor.resizeToSquare(bgr, size);
                MatHandle msk = MatHandle.empty()) {
            Imgproc.resize(mask, msk.mat(), new Size(size, size), 0, 0, Imgproc.INTER_LINEAR);
            geometric(img.mat(), msk.mat(), rng);
            photometric(img.mat(), rng);
            device(img.mat(), rng);
            colourConstancy.apply(img.mat());
            return new Sample(FcnPreprocessor.standardisedChw(img.mat()), target(msk.mat()));
        }
    }

    private void geometric(Mat img, Mat msk, Random rng) {
        double angle = uniform(rng, config.maxRotationDegrees());
        double zoom = zoom(rng);
        double scale = (1 + uniform(rng, config.scaleJitter())) * zoom;
        if (angle != 0 || scale != 1) {
            Point centre = centroid(msk);
            try (MatHandle rotation = MatHandle.of(Imgproc.getRotationMatrix2D(centre, angle, scale))) {
                Size s = new Size(size, size);
                if (zoom < 1) {
                    // Zoomed out, a reflected border would mirror a lesion near the frame's edge into
                    // copies (in the target too) that no real wider frame shows: plain skin instead.
                    Scalar skin = skinColour(img, msk);
                    warp(img, rotation.mat(), s, Core.BORDER_CONSTANT, skin);
                    warp(msk, rotation.mat(), s, Core.BORDER_CONSTANT, new Scalar(0));
                } else {
                    warp(img, rotation.mat(), s, Core.BORDER_REFLECT_101, new Scalar(0));
                    warp(msk, rotation.mat(), s, Core.BORDER_REFLECT_101, new Scalar(0));
                }
            }
        }
        if (rng.nextDouble() < config.flipProbability()) {
            flip(img, msk, 1);
        }
        if (rng.nextDouble() < config.flipProbability()) {
            flip(img, msk, 0);
        }
    }

    /** The mean colour outside the lesion (of the whole image when the mask covers it all). */
    private static Scalar skinColour(Mat img, Mat msk) {
        try (MatHandle outside = MatHandle.empty()) {
            Core.compare(msk, new Scalar(128), outside.mat(), Core.CMP_LT);
            return Core.countNonZero(outside.mat()) == 0 ? Core.mean(img) : Core.mean(img, outside.mat());
        }
    }

    /** warpAffine cannot work in place: warps into a temporary and copies back. */
    private static void warp(Mat m, Mat rotation, Size s, int border, Scalar fill) {
        try (MatHandle out = MatHandle.empty()) {
            Imgproc.warpAffine(m, out.mat(), rotation, s, Imgproc.INTER_LINEAR, border, fill);
            out.mat().copyTo(m);
        }
    }

    private static void flip(Mat img, Mat msk, int axis) {
        for (Mat m : List.of(img, msk)) {
            try (MatHandle out = MatHandle.empty()) {
                Core.flip(m, out.mat(), axis);
                out.mat().copyTo(m);
            }
        }
    }

    private void photometric(Mat img, Random rng) {
        double hueShift = uniform(rng, config.hueJitterDegrees()) / 2;  // OpenCV 8-bit hue is degrees / 2
        double saturation = 1 + uniform(rng, config.saturationJitter());
        if (hueShift != 0 || saturation != 1) {
            try (MatHandle hsv = MatHandle.empty()) {
                Imgproc.cvtColor(img, hsv.mat(), Imgproc.COLOR_BGR2HSV);
                List<Mat> planes = new ArrayList<>(3);
                Core.split(hsv.mat(), planes);
                try (MatHandle h = MatHandle.of(planes.get(0));
                        MatHandle s = MatHandle.of(planes.get(1));
                        MatHandle v = MatHandle.of(planes.get(2))) {
                    shiftHue(h.mat(), hueShift);
                    s.mat().convertTo(s.mat(), -1, saturation, 0);
                    Core.merge(planes, hsv.mat());
                }
                Imgproc.cvtColor(hsv.mat(), img, Imgproc.COLOR_HSV2BGR);
            }
        }
        double contrast = 1 + uniform(rng, config.contrastJitter());
        double brightness = uniform(rng, config.brightnessJitter()) * 255;
        if (contrast != 1 || brightness != 0) {
            double mean = Core.mean(img).val[0];  // blue channel's mean: see the class comment
            img.convertTo(img, -1, contrast, brightness + mean * (1 - contrast));
        }
    }

    /** The zoom about the lesion, log-uniform so that 0.6 and 1/0.6 are as likely; no draw when off. */
    private double zoom(Random rng) {
        if (config.zoomMin() == 1 && config.zoomMax() == 1) {
            return 1;
        }
        double low = Math.log(config.zoomMin());
        double high = Math.log(config.zoomMax());
        return Math.exp(low + rng.nextDouble() * (high - low));
    }

    /**
     * What another camera or clinic changes that the per-channel standardisation does not undo:
     * a tone curve (gamma), focus (blur), compression (JPEG) and light fall-off (vignetting). Each
     * is drawn only when it is on, after every other draw, so a recipe without them draws exactly
     * the numbers it drew before they existed.
     */
    private void device(Mat img, Random rng) {
        if (config.gammaJitter() > 0) {
            double spread = Math.log(1 + config.gammaJitter());
            Photometric.gamma(img, Math.exp((rng.nextDouble() * 2 - 1) * spread));
        }
        if (config.blurProbability() > 0 && rng.nextDouble() < config.blurProbability()) {
            Photometric.blur(img, rng.nextDouble() * config.blurMaxSigma());
        }
        if (config.jpegProbability() > 0 && rng.nextDouble() < config.jpegProbability()) {
            int quality = config.jpegMinQuality() + rng.nextInt(95 - config.jpegMinQuality() + 1);
            Photometric.recompress(img, quality);
        }
        if (config.vignetteProbability() > 0 && rng.nextDouble() < config.vignetteProbability()) {
            double strength = rng.nextDouble() * config.vignetteMaxStrength();
            double power = 2 + 6 * rng.nextDouble();
            Photometric.vignette(img, strength, power, 0.4 + 0.2 * rng.nextDouble(), 0.4 + 0.2 * rng.nextDouble());
        }
    }

    /** Hue is circular (0..179 in OpenCV's 8-bit HSV), so the shift wraps around. */
    private static void shiftHue(Mat hue, double shift) {
        int delta = (int) Math.round(shift);
        if (delta == 0) {
            return;
        }
        byte[] h = new byte[hue.rows() * hue.cols()];
        hue.get(0, 0, h);
        for (int i = 0; i < h.length; i++) {
            int v = ((h[i] & 0xff) + delta) % 180;
            h[i] = (byte) (v < 0 ? v + 180 : v);
        }
        hue.put(0, 0, h);
    }

    private static Point centroid(Mat mask) {
        Moments m = Imgproc.moments(mask, true);
        if (m.m00 <= 0) {
            return new Point(mask.cols() / 2.0, mask.rows() / 2.0);
        }
        return new Point(m.m10 / m.m00, m.m01 / m.m00);
    }

    private static float[] target(Mat mask) {
        byte[] m = MatHandle.copyBytes(mask);
        float[] t = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            t[i] = (m[i] & 0xff) >= 128 ? 1f : 0f;
        }
        return t;
    }

    /**
     * A sample's own random source. {@code java.util.Random} barely scrambles its seed, so seeds
     * that differ in a few low bits (consecutive ids, epochs) start with nearly the same numbers:
     * every image of an epoch would get the same rotation. The seed is mixed first.
     */
    public static Random randomFor(long seed, int epoch, String id) {
        long mixed = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong() ^ id.hashCode();
        return new Random(new SplittableRandom(mixed).nextLong());
    }

    private static double uniform(Random rng, double halfWidth) {
        return halfWidth == 0 ? 0 : (rng.nextDouble() * 2 - 1) * halfWidth;
    }
}
