package dermaseg.refine;

import dermaseg.image.BinaryMask;
import dermaseg.image.FloatMap;
import dermaseg.image.MatHandle;
import dermaseg.superpixel.LabImage;
import dermaseg.superpixel.Slic;
import dermaseg.superpixel.SlicConfig;
import dermaseg.superpixel.SuperpixelGraph;
import dermaseg.superpixel.SuperpixelLabels;
import org.ejml.data.DMatrixRMaj;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * Superpixel-based fine-tuning of the FCN's map: the local map {@code P_l} of Bozorgtabar, Sedai,
 * Roy, Mahapatra and Garnavi, "Skin lesion segmentation using deep convolution networks guided by
 * local unsupervised learning", IBM J. Res. Dev. 61(4/5), 2017 (also US patent 10,223,788).
 *
 * <ol>
 *   <li>Region of interest: the FCN's coarse lesion ({@code P_g ≥ regionThreshold}), dilated by
 *       a margin proportional to its size, and that region's bounding box.</li>
 *   <li>SLIC superpixels over the box, their count fixed per box so that their size follows the
 *       lesion's rather than the image's.</li>
 *   <li>Graph: adjacent superpixels (optionally two hops), affinity
 *       {@code exp(−‖c_i − c_j‖² / σ²)} on mean CIELAB colour.</li>
 *   <li>Seeds from each superpixel's mean {@code P_g} (see {@link SeedRule}).</li>
 *   <li>Manifold ranking, once with the lesion seeds as queries and once with the skin seeds;
 *       a superpixel's confidence is its lesion score over the sum of both.</li>
 * </ol>
 *
 * <p>Deviations from the paper, and why: σ² is set per image from the mean squared colour
 * difference over the graph's edges (times a scale) instead of a fixed constant, because
 * dermoscopy images differ widely in contrast; ranking is run for both classes and normalised
 * rather than for the lesion alone, so that {@code P_l} is a comparable confidence in [0, 1] for
 * the fusion; and the graph is restricted to the region of interest, where the only question is
 * where the border lies (over the whole image, far skin and hair would join the graph and the
 * prototype of this project found the fine-tuning then hurt).
 */
public final class SuperpixelRefiner {
    private final RefineConfig config;

    public SuperpixelRefiner(RefineConfig config) {
        this.config = config;
    }

    public RefineConfig config() {
        return config;
    }

    /**
     * @param bgr    the image, {@code CV_8UC3}
     * @param global {@code P_g} at the image's size
     */
    public LocalMap refine(Mat bgr, FloatMap global) {
        int w = global.width();
        int h = global.height();
        if (bgr.cols() != w || bgr.rows() != h) {
            throw new IllegalArgumentException("image is " + bgr.cols() + "x" + bgr.rows()
                    + ", FCN map " + w + "x" + h);
        }
        Rect roi = regionOfInterest(global);
        if (roi == null) {
            return new LocalMap(new FloatMap(w, h, global.data().clone()), null,
                    new Rect(0, 0, w, h), 0, 0, false, 0, 0);
        }
        long t0 = System.nanoTime();
        LabImage lab = LabImage.fromBgr(bgr, roi);
        SuperpixelLabels superpixels = new Slic(slicConfig(roi)).segment(lab);
        long t1 = System.nanoTime();

        FloatMap roiGlobal = crop(global, roi);
        SuperpixelGraph graph = SuperpixelGraph.build(superpixels, lab, roiGlobal,
                config.twoHop() ? SuperpixelGraph.Neighbourhood.TWO_HOP : SuperpixelGraph.Neighbourhood.ADJACENT);
        int n = graph.nodeCount();
        int[] seeds = seeds(graph);
        int lesionSeeds = 0;
        int skinSeeds = 0;
        DMatrixRMaj queries = new DMatrixRMaj(n, 2);
        for (int i = 0; i < n; i++) {
            if (config.seedRule() == SeedRule.SOFT) {
                // Every superpixel queries both classes by its mean; it counts as a lesion or a
                // skin "seed" by the side of 0.5 it falls on, so that a region of interest the
                // FCN calls all one class keeps the FCN's means, as with hard seeds.
                float p = graph.meanProbability(i);
                queries.set(i, 0, p);
                queries.set(i, 1, 1 - p);
                if (p >= 0.5f) {
                    lesionSeeds++;
                } else {
                    skinSeeds++;
                }
            } else if (seeds[i] > 0) {
                queries.set(i, 0, 1);
                lesionSeeds++;
            } else if (seeds[i] < 0) {
                queries.set(i, 1, 1);
                skinSeeds++;
            }
        }
        float[] confidence = new float[n];
        if (lesionSeeds == 0 || skinSeeds == 0) {
            // One class has no voice: ranking cannot compare, so keep the FCN's own means.
            for (int i = 0; i < n; i++) {
                confidence[i] = graph.meanProbability(i);
            }
        } else {
            DMatrixRMaj scores = rank(graph, queries);
            for (int i = 0; i < n; i++) {
                double lesion = Math.max(scores.get(i, 0), 0);
                double skin = Math.max(scores.get(i, 1), 0);
                double total = lesion + skin;
                confidence[i] = total > 0 ? (float) (lesion / total) : graph.meanProbability(i);
                if (config.clampSeeds() && seeds[i] != 0) {
                    confidence[i] = seeds[i] > 0 ? 1f : 0f;
                }
            }
        }
        FloatMap local = paint(w, h, roi, superpixels, confidence);
        long t2 = System.nanoTime();
        return new LocalMap(local, superpixels, roi, lesionSeeds, skinSeeds, true, t1 - t0, t2 - t1);
    }

    private int[] seeds(SuperpixelGraph graph) {
        int n = graph.nodeCount();
        int[] seeds = new int[n];
        if (config.seedRule() == SeedRule.SOFT) {
            return seeds;  // no hard seeds: every superpixel is a soft query
        }
        if (config.seedRule() == SeedRule.MEAN_OF_MEANS) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += graph.meanProbability(i);
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                seeds[i] = graph.meanProbability(i) > mean ? 1 : -1;
            }
        } else {
            for (int i = 0; i < n; i++) {
                float p = graph.meanProbability(i);
                if (p >= config.lesionSeedThreshold()) {
                    seeds[i] = 1;
                } else if (p <= config.skinSeedThreshold()) {
                    seeds[i] = -1;
                }
            }
        }
        return seeds;
    }

    private DMatrixRMaj rank(SuperpixelGraph graph, DMatrixRMaj queries) {
        int n = graph.nodeCount();
        int[] offsets = graph.adjacencyOffsets();
        int[] adjacency = graph.adjacency();
        int edges = 0;
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                if (adjacency[k] > i) {
                    edges++;
                }
            }
        }
        int[] from = new int[edges];
        int[] to = new int[edges];
        double[] distance = new double[edges];
        double meanDistance = 0;
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int k = offsets[i]; k < offsets[i + 1]; k++) {
                int j = adjacency[k];
                if (j > i) {
                    double dl = graph.meanL(i) - graph.meanL(j);
                    double da = graph.meanA(i) - graph.meanA(j);
                    double db = graph.meanB(i) - graph.meanB(j);
                    from[e] = i;
                    to[e] = j;
                    distance[e] = dl * dl + da * da + db * db;
                    meanDistance += distance[e];
                    e++;
                }
            }
        }
        meanDistance = edges == 0 ? 1 : meanDistance / edges;
        double sigma2 = config.sigmaScale() * Math.max(meanDistance, 1e-6);
        double[] weights = new double[edges];
        for (int k = 0; k < edges; k++) {
            // Floor keeps every edge alive, so D − αW stays well conditioned across strong edges.
            weights[k] = Math.max(Math.exp(-distance[k] / sigma2), 1e-8);
        }
        return ManifoldRanking.rank(n, from, to, weights, config.alpha(), queries);
    }

    /** The dilated coarse lesion's bounding box, or null when the FCN found no lesion. */
    Rect regionOfInterest(FloatMap global) {
        BinaryMask coarse = BinaryMask.threshold(global, (float) config.regionThreshold());
        long area = coarse.area();
        if (area == 0) {
            return null;
        }
        int w = global.width();
        int h = global.height();
        double radius = Math.sqrt(area / Math.PI);
        int margin = (int) Math.ceil(Math.max(config.minMarginPixels(), config.marginFraction() * radius));
        try (MatHandle mask = coarse.toMat(); MatHandle points = MatHandle.empty()) {
            Core.findNonZero(mask.mat(), points.mat());
            Rect box = Imgproc.boundingRect(points.mat());
            int x0 = Math.max(0, box.x - margin);
            int y0 = Math.max(0, box.y - margin);
            int x1 = Math.min(w, box.x + box.width + margin);
            int y1 = Math.min(h, box.y + box.height + margin);
            return new Rect(x0, y0, x1 - x0, y1 - y0);
        }
    }

    private SlicConfig slicConfig(Rect roi) {
        int byArea = (int) Math.max(2, (long) roi.width * roi.height / config.minSuperpixelArea());
        return SlicConfig.builder()
                .superpixels(Math.min(config.superpixels(), byArea))
                .compactness(config.compactness())
                .build();
    }

    private static FloatMap crop(FloatMap map, Rect roi) {
        float[] src = map.data();
        float[] out = new float[roi.width * roi.height];
        for (int y = 0; y < roi.height; y++) {
            System.arraycopy(src, (roi.y + y) * map.width() + roi.x, out, y * roi.width, roi.width);
        }
        return new FloatMap(roi.width, roi.height, out);
    }

    private static FloatMap paint(int w, int h, Rect roi, SuperpixelLabels superpixels, float[] confidence) {
        float[] out = new float[w * h];
        int[] labels = superpixels.labels();
        for (int y = 0; y < roi.height; y++) {
            int row = (roi.y + y) * w + roi.x;
            int src = y * roi.width;
            for (int x = 0; x < roi.width; x++) {
                out[row + x] = confidence[labels[src + x]];
            }
        }
        return new FloatMap(w, h, out);
    }
}
