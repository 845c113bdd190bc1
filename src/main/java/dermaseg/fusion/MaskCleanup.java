package dermaseg.fusion;

import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import org.opencv.core.CvType;
import org.opencv.imgproc.Imgproc;

/**
 * Post-processing of a binary lesion mask: keep the largest connected region (8-connectivity)
 * and fill the holes inside it (background regions, 4-connected, that do not touch the border).
 */
public final class MaskCleanup {
    private MaskCleanup() {
    }

    public static BinaryMask apply(BinaryMask mask, FusionConfig config) {
        BinaryMask out = mask;
        if (config.keepLargestComponent()) {
            out = largestComponent(out);
        }
        if (config.fillHoles()) {
            out = fillHoles(out);
        }
        return out;
    }

    public static BinaryMask largestComponent(BinaryMask mask) {
        int w = mask.width();
        int h = mask.height();
        int[] labels = new int[w * h];
        int count;
        try (MatHandle src = mask.toMat(); MatHandle lab = MatHandle.empty();
                MatHandle stats = MatHandle.empty(); MatHandle centroids = MatHandle.empty()) {
            count = Imgproc.connectedComponentsWithStats(src.mat(), lab.mat(), stats.mat(),
                    centroids.mat(), 8, CvType.CV_32S);
            if (count <= 2) {
                return mask;  // empty, or already a single region
            }
            int best = 1;
            double bestArea = -1;
            for (int c = 1; c < count; c++) {
                double area = stats.mat().get(c, Imgproc.CC_STAT_AREA)[0];
                if (area > bestArea) {
                    bestArea = area;
                    best = c;
                }
            }
            lab.mat().get(0, 0, labels);
            byte[] p = new byte[w * h];
            for (int i = 0; i < p.length; i++) {
                if (labels[i] == best) {
                    p[i] = BinaryMask.ON;
                }
            }
            return new BinaryMask(w, h, p);
        }
    }

    public static BinaryMask fillHoles(BinaryMask mask) {
        int w = mask.width();
        int h = mask.height();
        byte[] src = mask.pixels();
        byte[] inverted = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            inverted[i] = src[i] == 0 ? BinaryMask.ON : 0;
        }
        int[] labels = new int[w * h];
        int count;
        try (MatHandle background = new BinaryMask(w, h, inverted).toMat();
                MatHandle lab = MatHandle.empty()) {
            count = Imgproc.connectedComponents(background.mat(), lab.mat(), 4, CvType.CV_32S);
            lab.mat().get(0, 0, labels);
        }
        boolean[] touchesBorder = new boolean[count];
        for (int x = 0; x < w; x++) {
            touchesBorder[labels[x]] = true;
            touchesBorder[labels[(h - 1) * w + x]] = true;
        }
        for (int y = 0; y < h; y++) {
            touchesBorder[labels[y * w]] = true;
            touchesBorder[labels[y * w + w - 1]] = true;
        }
        byte[] out = src.clone();
        for (int i = 0; i < out.length; i++) {
            int l = labels[i];
            if (l != 0 && !touchesBorder[l]) {
                out[i] = BinaryMask.ON;
            }
        }
        return new BinaryMask(w, h, out);
    }
}
