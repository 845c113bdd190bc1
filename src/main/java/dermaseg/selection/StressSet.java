package dermaseg.selection;

import ai.djl.translate.TranslateException;
import dermaseg.dataset.PairSource;
import dermaseg.dataset.TrainingPair;
import dermaseg.image.BinaryMask;
import dermaseg.image.DecodeFailure;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageOps;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import dermaseg.image.Photometric;
import dermaseg.metrics.ConfusionCounts;
import dermaseg.metrics.SegmentationScores;
import dermaseg.pipeline.LesionSegmenter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The stress set: labelled images changed as another device or clinic would change them, each
 * change at one fixed strength, and the fused Jaccard of every changed image beside the
 * unchanged one's. A change's J drop is how much a model leans on what that change takes away.
 * Geometric changes move the ground truth with the image; photometric ones leave it.
 *
 * <p>Strengths are relative to the image where they have a size (blur σ is a share of the longer
 * side), so a 256-px copy and a full-size original are stressed alike.
 */
public final class StressSet {
    /** Blur σ as a share of the longer side: 2 px on the 256-px copies. */
    static final double BLUR_SHARE = 2.0 / 256;
    /** Margin kept around the lesion's bounding box when zooming in, as a share of the box's size. */
    static final double ZOOM_IN_MARGIN = 0.1;
    /** The scale of a zoomed-out frame: the image shrunk to this share, the rest plain skin. */
    static final double ZOOM_OUT_SCALE = 0.6;

    /** One change, by name; it may change the mask (geometric) or not (photometric). */
    public enum Perturbation {
        WARM_CAST("colour cast, warm (B×0.8, R×1.2)"),
        COOL_CAST("colour cast, cool (B×1.2, R×0.8)"),
        GAMMA_LIGHT("gamma 0.6"),
        GAMMA_DARK("gamma 1.6"),
        BLUR("Gaussian blur, σ 0.8% of the longer side"),
        JPEG("JPEG recompression, quality 30"),
        VIGNETTE("vignetting, 50% at the corners"),
        DARK_CORNERS("dark corners, a round field of view"),
        ZOOM_IN("zoomed in: the lesion's box and 10% fill the frame"),
        ZOOM_OUT("zoomed out: the frame shrunk to 60%, plain skin around it");

        private final String description;

        Perturbation(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Applies the change to an image and its mask, both in place (the mask only if geometric). */
        void apply(Mat bgr, Mat mask) {
            switch (this) {
                case WARM_CAST -> Photometric.channelGains(bgr, 0.8, 1.0, 1.2);
                case COOL_CAST -> Photometric.channelGains(bgr, 1.2, 1.0, 0.8);
                case GAMMA_LIGHT -> Photometric.gamma(bgr, 0.6);
                case GAMMA_DARK -> Photometric.gamma(bgr, 1.6);
                case BLUR -> Photometric.blur(bgr, BLUR_SHARE * Math.max(bgr.cols(), bgr.rows()));
                case JPEG -> Photometric.recompress(bgr, 30);
                case VIGNETTE -> Photometric.vignette(bgr, 0.5, 2, 0.5, 0.5);
                case DARK_CORNERS -> Photometric.vignette(bgr, 1.0, 8, 0.5, 0.5);
                case ZOOM_IN -> zoomIn(bgr, mask);
                case ZOOM_OUT -> zoomOut(bgr, mask);
                default -> throw new IllegalStateException(name());
            }
        }
    }

    /** One image's fused Jaccard under one change ({@code clean} for none). */
    public record Score(String perturbation, String id, double jaccard) {
    }

    private final List<Perturbation> perturbations;
    private final int maxImages;

    public StressSet(List<Perturbation> perturbations, int maxImages) {
        if (maxImages < 1) {
            throw new IllegalArgumentException("the stress set needs at least one image, not " + maxImages);
        }
        this.perturbations = List.copyOf(perturbations);
        this.maxImages = maxImages;
    }

    public String describe() {
        return perturbations.size() + " changes of the first " + maxImages + " pairs";
    }

    /** Scores the first {@code maxImages} pairs, clean and under every change. */
    public List<Score> run(LesionSegmenter segmenter, PairSource pairs) throws IOException, TranslateException {
        OpenCv.load();
        MaskCodec masks = new MaskCodec();
        List<Score> scores = new ArrayList<>();
        Iterator<TrainingPair> it = pairs.iterator(null);
        for (int n = 0; n < maxImages && it.hasNext(); n++) {
            TrainingPair pair = it.next();
            try (MatHandle image = decode(pair.image(), Imgcodecs.IMREAD_COLOR);
                    MatHandle mask = decode(pair.mask(), Imgcodecs.IMREAD_GRAYSCALE)) {
                scores.add(new Score("clean", pair.id(), jaccard(segmenter, masks, image.mat(), mask.mat())));
                for (Perturbation p : perturbations) {
                    try (MatHandle changedImage = MatHandle.empty(); MatHandle changedMask = MatHandle.empty()) {
                        image.mat().copyTo(changedImage.mat());
                        mask.mat().copyTo(changedMask.mat());
                        p.apply(changedImage.mat(), changedMask.mat());
                        scores.add(new Score(p.key(), pair.id(),
                                jaccard(segmenter, masks, changedImage.mat(), changedMask.mat())));
                    }
                }
            } catch (ImageDecodeException e) {
                throw new IOException("pair " + pair.id() + " of the stress set does not decode: " + e.getMessage(), e);
            }
        }
        return scores;
    }

    /** Mean fused Jaccard per change, {@code clean} first. */
    public static Map<String, Double> meanJaccards(List<Score> scores) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Score s : scores) {
            double[] sum = sums.computeIfAbsent(s.perturbation(), k -> new double[2]);
            sum[0] += s.jaccard();
            sum[1]++;
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, v[0] / v[1]));
        return means;
    }

    private static double jaccard(LesionSegmenter segmenter, MaskCodec masks, Mat bgr, Mat mask)
            throws ImageDecodeException, TranslateException {
        BinaryMask truth = masks.decode(png(mask));
        BinaryMask predicted = segmenter.segment(png(bgr)).mask();
        return SegmentationScores.of(ConfusionCounts.of(predicted, truth)).jaccard();
    }

    /** Lossless, so that no change but the JPEG one adds compression. */
    private static byte[] png(Mat m) {
        return ImageOps.encodePng(m);
    }

    private static MatHandle decode(byte[] bytes, int flags) throws ImageDecodeException {
        try (MatHandle buffer = MatHandle.of(new MatOfByte(bytes))) {
            MatHandle m = MatHandle.of(Imgcodecs.imdecode(buffer.mat(), flags));
            if (m.mat().empty()) {
                m.close();
                throw new ImageDecodeException(DecodeFailure.UNDECODABLE, "OpenCV could not decode it");
            }
            return m;
        }
    }

    /** Crops to the lesion's bounding box with a margin, at the frame's aspect, and enlarges back. */
    static void zoomIn(Mat bgr, Mat mask) {
        Rect box = Imgproc.boundingRect(mask);
        if (box.width == 0 || box.height == 0) {
            return;
        }
        int w = bgr.cols();
        int h = bgr.rows();
        double aspect = (double) w / h;
        double cw = box.width * (1 + 2 * ZOOM_IN_MARGIN);
        double ch = box.height * (1 + 2 * ZOOM_IN_MARGIN);
        if (cw / ch < aspect) {
            cw = ch * aspect;
        } else {
            ch = cw / aspect;
        }
        int cropW = (int) Math.min(w, Math.round(cw));
        int cropH = (int) Math.min(h, Math.round(ch));
        int x = (int) Math.round(box.x + box.width / 2.0 - cropW / 2.0);
        int y = (int) Math.round(box.y + box.height / 2.0 - cropH / 2.0);
        Rect crop = new Rect(Math.max(0, Math.min(w - cropW, x)), Math.max(0, Math.min(h - cropH, y)), cropW, cropH);
        resizeInPlace(bgr, crop, Imgproc.INTER_LINEAR);
        resizeInPlace(mask, crop, Imgproc.INTER_NEAREST);
    }

    private static void resizeInPlace(Mat m, Rect crop, int interpolation) {
        Size size = m.size();
        try (MatHandle region = MatHandle.of(new Mat(m, crop)); MatHandle out = MatHandle.empty()) {
            Imgproc.resize(region.mat(), out.mat(), size, 0, 0, interpolation);
            out.mat().copyTo(m);
        }
    }

    /**
     * Shrinks the frame about its centre and surrounds it with plain skin: the mean colour of the
     * pixels outside the lesion, and no lesion in the mask. A reflected border would be more
     * textured, but it mirrors a lesion that touches the frame's edge into copies that the truth
     * would then hold too, and a clean-up that keeps one region would be punished for them.
     */
    static void zoomOut(Mat bgr, Mat mask) {
        Scalar skin;
        try (MatHandle outside = MatHandle.empty()) {
            Core.bitwise_not(mask, outside.mat());
            skin = Core.countNonZero(outside.mat()) == 0 ? Core.mean(bgr) : Core.mean(bgr, outside.mat());
        }
        shrinkInPlace(bgr, Imgproc.INTER_AREA, skin);
        shrinkInPlace(mask, Imgproc.INTER_NEAREST, new Scalar(0));
    }

    private static void shrinkInPlace(Mat m, int interpolation, Scalar fill) {
        int w = m.cols();
        int h = m.rows();
        int sw = Math.max(1, (int) Math.round(w * ZOOM_OUT_SCALE));
        int sh = Math.max(1, (int) Math.round(h * ZOOM_OUT_SCALE));
        try (MatHandle small = MatHandle.empty(); MatHandle out = MatHandle.empty()) {
            Imgproc.resize(m, small.mat(), new Size(sw, sh), 0, 0, interpolation);
            int left = (w - sw) / 2;
            int top = (h - sh) / 2;
            Core.copyMakeBorder(small.mat(), out.mat(), top, h - sh - top, left, w - sw - left,
                    Core.BORDER_CONSTANT, fill);
            out.mat().copyTo(m);
        }
    }

    /** Writes the scores beside {@code file} and renames them over it. */
    public static void write(List<Score> scores, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("perturbation,image_id,fused_jaccard");
        for (Score s : scores) {
            lines.add(String.format(Locale.ROOT, "%s,%s,%.6f", s.perturbation(), s.id(), s.jaccard()));
        }
        ScoreFiles.writeLines(lines, file);
    }

    public static List<Score> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Score> scores = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            scores.add(new Score(f[0], f[1], Double.parseDouble(f[2])));
        }
        return scores;
    }
}
