package dermaseg.pipeline;

import dermaseg.fcn.FcnInput;
import dermaseg.image.FloatMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test-time augmentation of the FCN: each image goes through the network as several views of the
 * working square (flips, and with 8 views the transposes that make up the 90° rotations), all in
 * one batch, and the probability maps, each turned back to the image's own orientation, are
 * averaged. A lesion has no up or down in dermoscopy, so every view is as valid as the original,
 * and a network that is not exactly equivariant errs differently in each.
 *
 * <p>Views, in the order they are added: 1 the image; 2 and its mirror (x flipped); 4 and the
 * y flip and both flips (a 180° rotation); 8 and the four transposed ones (the 90° and 270°
 * rotations and the two diagonal mirrors). The working square is square, so every view has the
 * network's input shape.
 */
public final class TestTimeAugmentation {
    /** The view counts there are. */
    public static final List<Integer> VIEW_COUNTS = List.of(1, 2, 4, 8);

    private final int views;

    public TestTimeAugmentation(int views) {
        if (!VIEW_COUNTS.contains(views)) {
            throw new IllegalArgumentException("test-time augmentation takes 1, 2, 4 or 8 views, not " + views);
        }
        this.views = views;
    }

    public int views() {
        return views;
    }

    /** Every view of each input, the views of one input next to each other. */
    public List<FcnInput> expand(List<FcnInput> inputs) {
        if (views == 1) {
            return inputs;
        }
        List<FcnInput> out = new ArrayList<>(inputs.size() * views);
        for (FcnInput in : inputs) {
            int s = in.workingSize();
            int plane = s * s;
            for (int v = 0; v < views; v++) {
                float[] view = new float[in.chw().length];
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < s; y++) {
                        for (int x = 0; x < s; x++) {
                            view[c * plane + target(v, x, y, s)] = in.chw()[c * plane + y * s + x];
                        }
                    }
                }
                out.add(new FcnInput(view, s, in.sourceWidth(), in.sourceHeight()));
            }
        }
        return out;
    }

    /**
     * One map per input, the mean of its views' maps (each turned back first), and how much the
     * views disagreed: 1 − Σ_pixels min_views p / Σ_pixels max_views p, the soft Jaccard of the
     * views taken together (0 when they agree everywhere; NaN for one view, which cannot
     * disagree, and 0 when every view is empty).
     */
    public record Merged(List<FloatMap> maps, double[] disagreement) {
    }

    /** The views of each input merged, as {@link Merged} says. */
    public Merged merge(List<FloatMap> viewMaps) {
        if (views == 1) {
            double[] none = new double[viewMaps.size()];
            Arrays.fill(none, Double.NaN);
            return new Merged(viewMaps, none);
        }
        if (viewMaps.size() % views != 0) {
            throw new IllegalArgumentException(viewMaps.size() + " maps are not whole groups of " + views + " views");
        }
        List<FloatMap> out = new ArrayList<>(viewMaps.size() / views);
        double[] disagreement = new double[viewMaps.size() / views];
        for (int i = 0; i < viewMaps.size(); i += views) {
            FloatMap first = viewMaps.get(i);
            int s = first.width();
            if (first.height() != s) {
                throw new IllegalArgumentException("a view's map must be square, not " + s + "x" + first.height());
            }
            float[] sum = new float[s * s];
            float[] min = new float[s * s];
            float[] max = new float[s * s];
            Arrays.fill(min, Float.MAX_VALUE);
            for (int v = 0; v < views; v++) {
                float[] m = viewMaps.get(i + v).data();
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        float p = m[target(v, x, y, s)];
                        int k = y * s + x;
                        sum[k] += p;
                        min[k] = Math.min(min[k], p);
                        max[k] = Math.max(max[k], p);
                    }
                }
            }
            double overlap = 0;
            double union = 0;
            for (int k = 0; k < sum.length; k++) {
                sum[k] /= views;
                overlap += min[k];
                union += max[k];
            }
            out.add(new FloatMap(s, s, sum));
            disagreement[i / views] = union == 0 ? 0 : 1 - overlap / union;
        }
        return new Merged(out, disagreement);
    }

    /**
     * Where view {@code v} puts the pixel at ({@code x}, {@code y}) of an {@code s}-square: bit 2
     * transposes first, bit 0 flips x, bit 1 flips y. The index it returns serves both ways: a view
     * is filled by writing there, and its map turned back by reading from there.
     */
    static int target(int v, int x, int y, int s) {
        int tx = (v & 4) != 0 ? y : x;
        int ty = (v & 4) != 0 ? x : y;
        if ((v & 1) != 0) {
            tx = s - 1 - tx;
        }
        if ((v & 2) != 0) {
            ty = s - 1 - ty;
        }
        return ty * s + tx;
    }
}
