package dermaseg.dataset;

import dermaseg.image.BinaryMask;
import dermaseg.image.DecodeFailure;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageDecoder;
import dermaseg.image.ImageLimits;
import dermaseg.image.ImageOps;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.imgproc.Moments;

/**
 * Validates one id's image and mask files and brings an accepted pair to its stored form. No
 * Spark in sight: the prepare job calls it once per id inside its tasks.
 *
 * <p>Checks, in this order, the first failure deciding the reason: both sides present
 * ({@code missing_image}, {@code missing_mask}); at most one distinct content per side
 * ({@code duplicate_id}; identical copies are merged, not refused); the image and the mask decode
 * under {@link ImageLimits} (the decoder's code); equal sizes ({@code size_mismatch}); a strictly
 * black-and-white mask ({@code mask_not_binary}, from {@link MaskCodec#decodeChecked}); at least
 * one lesion pixel ({@code empty_mask}).
 *
 * <p>Stored form: the image is shrunk with area averaging so that its longer side is at most the
 * configured size (never enlarged: upsampling adds bytes, not information, and the trainer
 * resizes to its working square anyway), and re-encoded as PNG from the decoded pixel grid, so
 * that grayscale, 16-bit, alpha and EXIF-rotated sources all reach the trainer as plain 8-bit BGR
 * in the orientation their masks were drawn in. The mask is resized to exactly the same size by
 * nearest neighbour with pixel-centre sampling ({@code INTER_NEAREST_EXACT}), so it stays binary
 * and lines up with the area-averaged image (plain {@code INTER_NEAREST} samples each cell's
 * top-left source pixel, shifting the mask by up to half a cell).
 *
 * <p>Thread-safe: a Spark executor's tasks may share one instance.
 */
public final class PairPreparer {
    private final int longerSide;
    private final ImageDecoder decoder;
    private final MaskCodec maskCodec;

    /**
     * @param longerSide the stored images' longest side at most, in pixels
     * @param limits     what an image or mask may be, as in the segment job
     */
    public PairPreparer(int longerSide, ImageLimits limits) {
        if (longerSide < 1) {
            throw new IllegalArgumentException("longerSide must be positive, got " + longerSide);
        }
        this.longerSide = longerSide;
        this.decoder = new ImageDecoder(limits);
        this.maskCodec = new MaskCodec(limits);
    }

    /**
     * The outcome for one id.
     *
     * @param images the id's image files, sorted by URI; empty when it has none
     * @param masks  the id's mask files, sorted by URI; empty when it has none
     */
    public PairOutcome prepare(List<SourceFile> images, List<SourceFile> masks) {
        List<SourceFile> distinctImages = distinct(images);
        List<SourceFile> distinctMasks = distinct(masks);
        String imageUri = images.isEmpty() ? null : images.get(0).uri();
        String maskUri = masks.isEmpty() ? null : masks.get(0).uri();
        int merged = images.size() - distinctImages.size() + masks.size() - distinctMasks.size();
        BiFunction<String, String, PairOutcome> reject =
                (reason, detail) -> new PairOutcome.Rejected(imageUri, maskUri, merged, reason, detail);

        if (images.isEmpty()) {
            return reject.apply(RejectReason.MISSING_IMAGE.code(), "a mask with no image of the same id");
        }
        if (masks.isEmpty()) {
            return reject.apply(RejectReason.MISSING_MASK.code(), "no mask file is named by the mask patterns");
        }
        if (distinctImages.size() > 1 || distinctMasks.size() > 1) {
            List<String> conflicts = new ArrayList<>();
            conflicts(conflicts, "image", distinctImages, images);
            conflicts(conflicts, "mask", distinctMasks, masks);
            return reject.apply(RejectReason.DUPLICATE_ID.code(), String.join("; ", conflicts));
        }
        SourceFile imageFile = distinctImages.get(0);
        SourceFile maskFile = distinctMasks.get(0);

        try (MatHandle image = decoder.decode(bytesOf(imageFile))) {
            MaskCodec.Decoded truth;
            try {
                truth = maskCodec.decodeChecked(bytesOf(maskFile));
            } catch (ImageDecodeException e) {
                return reject.apply(e.reasonCode(), "mask: " + e.getMessage());
            }
            BinaryMask mask = truth.mask();
            int width = image.width();
            int height = image.height();
            if (width != mask.width() || height != mask.height()) {
                return reject.apply(RejectReason.SIZE_MISMATCH.code(), String.format(Locale.ROOT,
                        "image %dx%d, mask %dx%d", width, height, mask.width(), mask.height()));
            }
            if (!truth.strictlyBinary()) {
                return reject.apply(RejectReason.MASK_NOT_BINARY.code(), String.format(Locale.ROOT,
                        "%d of %d mask pixels are neither black nor white", truth.nonBinaryPixels(),
                        (long) width * height));
            }
            long area = mask.area();
            if (area == 0) {
                return reject.apply(RejectReason.EMPTY_MASK.code(), "the mask has no lesion pixel");
            }
            StoredPair stored = store(image.mat(), mask);
            if (stored.lesionArea() == 0) {
                return reject.apply(RejectReason.EMPTY_MASK.code(), String.format(Locale.ROOT,
                        "a lesion of %d pixels vanishes at %dx%d", area, stored.width(), stored.height()));
            }
            return new PairOutcome.Accepted(imageUri, maskUri, merged, stored);
        } catch (ImageDecodeException e) {
            return reject.apply(e.reasonCode(), "image: " + e.getMessage());
        }
    }

    /** The stored size for a source of {@code width × height}: longer side at most {@code longerSide}. */
    int[] storedSize(int width, int height) {
        double scale = (double) longerSide / Math.max(width, height);
        if (scale >= 1) {
            return new int[] {width, height};
        }
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    private StoredPair store(Mat bgr, BinaryMask truth) {
        int[] size = storedSize(bgr.cols(), bgr.rows());
        try (MatHandle image = ImageOps.resize(bgr, size[0], size[1]);
                MatHandle source = truth.toMat();
                MatHandle mask = MatHandle.empty()) {
            Imgproc.resize(source.mat(), mask.mat(), new Size(size[0], size[1]), 0, 0, Imgproc.INTER_NEAREST_EXACT);
            BinaryMask stored = BinaryMask.fromMat(mask.mat());
            long area = stored.area();
            Moments m = Imgproc.moments(mask.mat(), true);
            double cx = area == 0 ? Double.NaN : m.m10 / m.m00;
            double cy = area == 0 ? Double.NaN : m.m01 / m.m00;
            return new StoredPair(ImageOps.encodePng(image.mat()), MaskCodec.encodePng(stored), size[0], size[1],
                    bgr.cols(), bgr.rows(), cx, cy, area, (double) area / ((long) size[0] * size[1]));
        }
    }

    private static byte[] bytesOf(SourceFile file) throws ImageDecodeException {
        if (!file.wasRead()) {
            throw new ImageDecodeException(DecodeFailure.TOO_LARGE, file.length() + " bytes, over the byte limit");
        }
        return file.bytes();
    }

    /** One file per distinct content, the first by URI. */
    private static List<SourceFile> distinct(List<SourceFile> files) {
        Map<String, SourceFile> byContent = new LinkedHashMap<>();
        for (SourceFile f : files) {
            byContent.putIfAbsent(f.contentKey(), f);
        }
        return new ArrayList<>(byContent.values());
    }

    private static void conflicts(List<String> out, String side, List<SourceFile> distinct, List<SourceFile> all) {
        if (distinct.size() > 1) {
            out.add(distinct.size() + " different " + side + " contents among "
                    + all.stream().map(SourceFile::uri).collect(Collectors.joining(", ")));
        }
    }
}
