package dermaseg.bench;

import dermaseg.image.BinaryMask;
import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import dermaseg.superpixel.BoundaryRecall;
import dermaseg.superpixel.LabImage;
import dermaseg.superpixel.Slic;
import dermaseg.superpixel.SlicConfig;
import dermaseg.superpixel.SuperpixelLabels;
import dermaseg.superpixel.SyntheticImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Times our SLIC on one thread, stage by stage, and measures its boundary recall; the twin of
 * {@code scripts/bench-slic-opencv.py}, which does the same with OpenCV's ximgproc SLIC, so the
 * two print comparable lines. A plain main class (JMH is not a project dependency).
 *
 * <pre>
 * SlicBenchmark [--superpixels 400] [--by-count] [--compactness 10] [--iterations 10]
 *               [--runs 15] [--warmup 5] [--size 512] [--limit 20] [ITEM...]
 * ITEM: an image path, "image,mask" for boundary recall against a 0/255 mask, or a folder with
 *       images/ID.jpg and masks/ID.png (the first --limit ids, sorted). No ITEM: a synthetic
 *       512x383 image with known edges.
 * </pre>
 *
 * <p>Each image is resized so that its longer side is {@code --size} (bilinear up, area down;
 * masks nearest). All images are run {@code --warmup} times for the JIT, then {@code --runs}
 * rounds over all images are timed, interleaved so that background load hits every image alike.
 * Per image: medians of the stages (wall clock) and of the whole run's thread CPU time, which
 * shrugs off time spent descheduled when the machine is busy; summary: medians over images.
 * Recall is also given at the image's native size, where the resize cannot help or hurt it.
 */
public final class SlicBenchmark {
    /** An image at benchmark size and at native size; the two may share one Mat. */
    private record Item(String name, MatHandle image, BinaryMask mask, MatHandle nativeImage,
            BinaryMask nativeMask) implements AutoCloseable {
        Mat bgr() {
            return image.mat();
        }

        Mat nativeBgr() {
            return nativeImage.mat();
        }

        @Override
        public void close() {
            image.close();
            if (nativeImage != image) {
                nativeImage.close();
            }
        }
    }

    private record Settings(int superpixels, boolean byCount, double compactness, int iterations) {
        /**
         * By default the size is a region size, round(sqrt(w * h / superpixels)), as the OpenCV
         * script must give it: both then place the same seed grid and the recalls compare.
         */
        Slic slicFor(Mat image) {
            SlicConfig.Builder b = SlicConfig.builder().compactness(compactness).iterations(iterations);
            if (byCount) {
                b.superpixels(superpixels);
            } else {
                b.regionSize((int) Math.max(1, Math.round(
                        Math.sqrt((double) image.cols() * image.rows() / superpixels))));
            }
            return new Slic(b.build());
        }
    }

    public static void main(String[] args) throws IOException {
        OpenCv.load();
        // Our SLIC is single-threaded; so must be the colour conversion it times.
        Core.setNumThreads(1);
        int superpixels = 400;
        boolean byCount = false;
        double compactness = 10;
        int iterations = 10;
        int runs = 15;
        int warmup = 5;
        int size = 512;
        int limit = 20;
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--superpixels" -> superpixels = Integer.parseInt(args[++i]);
                case "--by-count" -> byCount = true;
                case "--compactness" -> compactness = Double.parseDouble(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                default -> inputs.add(args[i]);
            }
        }
        List<Item> items = load(inputs, size, limit);
        try {
            run(items, new Settings(superpixels, byCount, compactness, iterations), warmup, runs);
        } finally {
            for (Item item : items) {
                item.close();
            }
        }
    }

    private static void run(List<Item> items, Settings settings, int warmup, int runs) {
        int n = items.size();
        Slic[] slics = new Slic[n];
        for (int i = 0; i < n; i++) {
            slics[i] = settings.slicFor(items.get(i).bgr());
        }
        System.out.printf(Locale.ROOT, "ours: %d images, %d superpixels (%s), compactness %s,"
                + " %d iterations, 1 thread, %d warm-up + %d timed runs each%n",
                n, settings.superpixels(), settings.byCount() ? "target count" : "region size",
                settings.compactness(), settings.iterations(), warmup, runs);

        for (int r = 0; r < warmup; r++) {
            for (int i = 0; i < n; i++) {
                slics[i].segment(LabImage.fromBgr(items.get(i).bgr()));
            }
        }
        double[][] lab = new double[n][runs];
        double[][] cluster = new double[n][runs];
        double[][] connect = new double[n][runs];
        double[][] total = new double[n][runs];
        double[][] totalCpu = new double[n][runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SuperpixelLabels[] last = new SuperpixelLabels[n];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < n; i++) {
                Mat bgr = items.get(i).bgr();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                LabImage image = LabImage.fromBgr(bgr);
                long t1 = System.nanoTime();
                int[] raw = slics[i].cluster(image);
                long t2 = System.nanoTime();
                last[i] = slics[i].enforceConnectivity(raw, image.width(), image.height());
                long t3 = System.nanoTime();
                long c3 = threads.getCurrentThreadCpuTime();
                lab[i][r] = (t1 - t0) / 1e6;
                cluster[i][r] = (t2 - t1) / 1e6;
                connect[i][r] = (t3 - t2) / 1e6;
                total[i][r] = (t3 - t0) / 1e6;
                totalCpu[i][r] = (c3 - c0) / 1e6;
            }
        }

        System.out.println("image               size      lab_ms  cluster_ms  connect_ms  total_ms"
                + "  cpu_ms  count  recall  native_size  native_count  native_recall");
        double[] labMed = new double[n];
        double[] clusterMed = new double[n];
        double[] connectMed = new double[n];
        double[] totalMed = new double[n];
        double[] cpuMed = new double[n];
        double[] counts = new double[n];
        List<Double> recalls = new ArrayList<>();
        List<Double> nativeRecalls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            labMed[i] = median(lab[i]);
            clusterMed[i] = median(cluster[i]);
            connectMed[i] = median(connect[i]);
            totalMed[i] = median(total[i]);
            cpuMed[i] = median(totalCpu[i]);
            counts[i] = last[i].count();
            double recall = Double.NaN;
            double nativeRecall = Double.NaN;
            SuperpixelLabels nativeLabels = settings.slicFor(item.nativeBgr())
                    .segment(LabImage.fromBgr(item.nativeBgr()));
            if (item.mask() != null) {
                recall = BoundaryRecall.of(last[i], item.mask(), BoundaryRecall.DEFAULT_TOLERANCE);
                nativeRecall = BoundaryRecall.of(nativeLabels, item.nativeMask(),
                        BoundaryRecall.DEFAULT_TOLERANCE);
                recalls.add(recall);
                nativeRecalls.add(nativeRecall);
            }
            System.out.printf(Locale.ROOT, "%-18s %4dx%-4d %8.2f %11.2f %11.2f %9.2f %7.2f %6d"
                    + " %7.4f  %4dx%-4d %13d %14.4f%n",
                    item.name(), last[i].width(), last[i].height(), labMed[i], clusterMed[i],
                    connectMed[i], totalMed[i], cpuMed[i], last[i].count(), recall,
                    nativeLabels.width(), nativeLabels.height(), nativeLabels.count(), nativeRecall);
        }
        System.out.printf(Locale.ROOT, "SUMMARY ours: median over images: lab %.2f ms, cluster %.2f"
                + " ms, connect %.2f ms, total %.2f ms (thread CPU %.2f ms), count %.0f; mean recall"
                + " %.4f (native %.4f, %d masks)%n",
                median(labMed), median(clusterMed), median(connectMed), median(totalMed),
                median(cpuMed), median(counts), mean(recalls), mean(nativeRecalls), recalls.size());
    }

    private static List<Item> load(List<String> inputs, int size, int limit) throws IOException {
        List<Item> items = new ArrayList<>();
        if (inputs.isEmpty()) {
            SyntheticImage s = SyntheticImage.shapes(512, 383, 40, 6, 42);
            byte[] m = new byte[s.truth.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = s.truth[i] != 0 ? BinaryMask.ON : 0;
            }
            BinaryMask mask = new BinaryMask(s.width, s.height, m);
            MatHandle bgr = s.toMat();
            items.add(new Item("synthetic", bgr, mask, bgr, mask));
            return items;
        }
        for (String input : inputs) {
            Path p = Path.of(input);
            if (Files.isDirectory(p)) {
                List<Path> images;
                try (Stream<Path> s = Files.list(p.resolve("images"))) {
                    images = s.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(limit).toList();
                }
                for (Path image : images) {
                    String id = image.getFileName().toString().replaceFirst("\\.jpg$", "");
                    Path mask = p.resolve("masks").resolve(id + ".png");
                    items.add(item(id, image, Files.exists(mask) ? mask : null, size));
                }
            } else {
                String[] parts = input.split(",", 2);
                Path image = Path.of(parts[0]);
                String id = image.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                items.add(item(id, image, parts.length > 1 ? Path.of(parts[1]) : null, size));
            }
        }
        return items;
    }

    private static Item item(String id, Path imagePath, Path maskPath, int size) {
        MatHandle nativeBgr = MatHandle.of(Imgcodecs.imread(imagePath.toString(), Imgcodecs.IMREAD_COLOR));
        if (nativeBgr.mat().empty()) {
            throw new IllegalArgumentException("cannot read " + imagePath);
        }
        int w = nativeBgr.width();
        int h = nativeBgr.height();
        double scale = (double) size / Math.max(w, h);
        Size target = new Size(Math.round(w * scale), Math.round(h * scale));
        MatHandle bgr = MatHandle.empty();
        Imgproc.resize(nativeBgr.mat(), bgr.mat(), target, 0, 0,
                scale > 1 ? Imgproc.INTER_LINEAR : Imgproc.INTER_AREA);
        BinaryMask nativeMask = null;
        BinaryMask mask = null;
        if (maskPath != null) {
            try (MatHandle gray = MatHandle.of(Imgcodecs.imread(maskPath.toString(), Imgcodecs.IMREAD_GRAYSCALE));
                    MatHandle binary = MatHandle.empty()) {
                if (gray.mat().empty()) {
                    throw new IllegalArgumentException("cannot read " + maskPath);
                }
                Imgproc.threshold(gray.mat(), binary.mat(), 127, 255, Imgproc.THRESH_BINARY);
                nativeMask = BinaryMask.fromMat(binary.mat());
            }
            mask = nativeMask.resizeNearest((int) target.width, (int) target.height);
        }
        return new Item(id, bgr, mask, nativeBgr, nativeMask);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
