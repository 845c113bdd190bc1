package dermaseg.bench;

import dermaseg.fcn.DjlRuntime;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageDecoder;
import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.pipeline.LesionSegmenter;
import dermaseg.spark.RunSummary;
import dermaseg.spark.SegmentJob;
import dermaseg.spark.SegmentOptions;
import dermaseg.spark.SparkSessions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

/**
 * The segment job's scale check (a benchmark, not a test):
 * <ol>
 *   <li>a plain loop of 2 threads, each with its own {@link LesionSegmenter}, over N images;</li>
 *   <li>the segment job on {@code local[2]} over the same files, writing a Parquet folder, and
 *       again writing Delta tables ({@code --incremental}, a fresh output each round): images/s of
 *       each and the ratios, after one untimed pass each (steady state), the three taking turns
 *       for {@code --rounds} rounds and compared by their medians, so that the machine's drift
 *       falls on all;</li>
 *   <li>the job on {@code local-cluster[2,1,2048]} (two real executor JVMs) with a growing number
 *       of partitions: model loads per executor JVM, and each executor's peak resident memory
 *       (VmHWM from /proc), which must stay flat as partitions grow.</li>
 * </ol>
 * Run with one PyTorch thread per task ({@code scripts/bench spark-scale} does).
 *
 * <pre>SparkScaleBenchmark [--images DIR]... [--count 240] [--side 512] [--rounds 3] [--partitions 4,16,64]</pre>
 *
 * {@code --side 0} takes the images as they are; {@code --partitions none} skips the cluster part.
 */
public final class SparkScaleBenchmark {
    private SparkScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DjlRuntime.ensureOffline();
        List<Path> sources = new ArrayList<>();
        int count = 240;
        int side = 512;
        int[] partitionCounts = {4, 16, 64};
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> sources.add(Path.of(args[++i]));
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--side" -> side = Integer.parseInt(args[++i]);
                case "--partitions" -> {
                    String list = args[++i];
                    partitionCounts = list.equals("none") ? new int[0]
                            : Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (sources.isEmpty()) {
            sources.add(Path.of("../shared/data/isic2017/val/images"));
            sources.add(Path.of("../shared/data/isic2017/train/images"));
        }
        Path work = Files.createTempDirectory("dermaseg-scale-");
        Path input = prepare(sources, count, side, work.resolve("images"));
        List<Path> files;
        try (Stream<Path> s = Files.list(input)) {
            files = s.sorted().toList();
        }
        System.out.printf(Locale.ROOT, "%d images at longer side %d in %s; PyTorch threads %s%n", files.size(), side,
                input, System.getProperty("ai.djl.pytorch.num_threads"));

        // Steady state for both, and the machine's drift shared between them: after one untimed
        // pass each, loop and job take turns, and the medians are compared.
        List<Double> loopRates = new ArrayList<>();
        List<Double> jobRates = new ArrayList<>();
        List<Double> tableRates = new ArrayList<>();
        int partitionsUsed = 0;
        SparkSession local = session("local[2]");
        try (PlainLoop loop = new PlainLoop(2)) {
            loop.pass(files);
            run(local, input, work.resolve("warmup"), 64);
            run(local, input, work.resolve("warmup-table"), 64, "--incremental");
            System.out.println("| round | plain loop, 2 threads | folder job | ratio | table job | ratio |");
            System.out.println("|---|---|---|---|---|---|");
            for (int round = 1; round <= rounds; round++) {
                loopRates.add(files.size() / loop.pass(files));
                long t0 = System.nanoTime();
                RunSummary job = run(local, input, work.resolve("round-" + round), 64);
                jobRates.add(files.size() / ((System.nanoTime() - t0) / 1e9));
                partitionsUsed = job.partitions;
                long t1 = System.nanoTime();
                run(local, input, work.resolve("table-" + round), 64, "--incremental");
                tableRates.add(files.size() / ((System.nanoTime() - t1) / 1e9));
                int r = round - 1;
                System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.3f | %.2f | %.3f |%n", round, loopRates.get(r),
                        jobRates.get(r), jobRates.get(r) / loopRates.get(r), tableRates.get(r),
                        tableRates.get(r) / loopRates.get(r));
            }
        } finally {
            local.stop();
        }
        double loopRate = median(loopRates);
        double jobRate = median(jobRates);
        double tableRate = median(tableRates);
        System.out.printf(Locale.ROOT, "plain loop, 2 threads:        %.2f images/s (median of %d)%n", loopRate, rounds);
        System.out.printf(Locale.ROOT, "segment job, folder, local[2]: %.2f images/s (median of %d, %d partitions)%n",
                jobRate, rounds, partitionsUsed);
        System.out.printf(Locale.ROOT, "segment job, tables, local[2]: %.2f images/s (median of %d, commits of 1000)%n",
                tableRate, rounds);
        System.out.printf(Locale.ROOT, "ratio folder job / loop:       %.3f (median of the round ratios %.3f)%n",
                jobRate / loopRate, medianRatio(jobRates, loopRates));
        System.out.printf(Locale.ROOT, "ratio table job / loop:        %.3f (median of the round ratios %.3f)%n",
                tableRate / loopRate, medianRatio(tableRates, loopRates));

        System.out.println("\nlocal-cluster[2,1,2048] (two executor JVMs):");
        System.out.println("| partitions | images/s | model loads per executor | peak RSS per executor (MiB) |");
        System.out.println("|------------|----------|--------------------------|-----------------------------|");
        for (int partitions : partitionCounts) {
            SparkSession cluster = session("local-cluster[2,1,2048]");
            try {
                long c0 = System.nanoTime();
                RunSummary s = runPartitions(cluster, input, work.resolve("cluster-" + partitions), partitions);
                double rate = files.size() / ((System.nanoTime() - c0) / 1e9);
                StringBuilder loads = new StringBuilder();
                StringBuilder rss = new StringBuilder();
                for (Map.Entry<String, Integer> e : s.modelLoadsPerExecutor.entrySet()) {
                    loads.append(loads.length() == 0 ? "" : ", ").append(e.getValue());
                    rss.append(rss.length() == 0 ? "" : ", ").append(peakRssMiB(e.getKey()));
                }
                System.out.printf(Locale.ROOT, "| %10d | %8.2f | %-24s | %-27s |%n", partitions, rate, loads, rss);
            } finally {
                cluster.stop();
            }
        }
    }

    private static double medianRatio(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return median(ratios);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A plain loop: a fixed pool of threads, each with its own {@link LesionSegmenter}. */
    private static final class PlainLoop implements AutoCloseable {
        private final ExecutorService pool;
        private final List<LesionSegmenter> segmenters = new ArrayList<>();

        PlainLoop(int threads) throws IOException {
            pool = Executors.newFixedThreadPool(threads);
            for (int i = 0; i < threads; i++) {
                segmenters.add(LesionSegmenter.builder().build());
            }
        }

        /** Seconds for the threads to share out all files between them. */
        double pass(List<Path> files) throws Exception {
            AtomicInteger next = new AtomicInteger();
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (LesionSegmenter s : segmenters) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        s.segment(Files.readAllBytes(files.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        }

        @Override
        public void close() {
            segmenters.forEach(LesionSegmenter::close);
            pool.shutdown();
        }
    }

    private static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().master(master).appName("dermaseg-scale")
                .config(SparkSessions.withDelta(new SparkConf(false)))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false");
        if (master.startsWith("local-cluster")) {
            // Executors run the project's classpath with the same JVM flags as this driver.
            // (Less the heap size, which Spark sets from spark.executor.memory.)
            String flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(f -> !f.startsWith("-Xmx") && !f.startsWith("-Xms"))
                    .collect(Collectors.joining(" "));
            b.config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .config("spark.executor.extraJavaOptions", flags)
                    .config("spark.executorEnv.OPT_OUT_TRACKING", "true");
        }
        return b.getOrCreate();
    }

    private static RunSummary run(SparkSession spark, Path input, Path output, int perPartition, String... more)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--output", output.toString(),
                "--images-per-partition", Integer.toString(perPartition)));
        args.addAll(List.of(more));
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return SegmentJob.run(spark, options);
    }

    private static RunSummary runPartitions(SparkSession spark, Path input, Path output, int partitions)
            throws IOException {
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs("--input", input.toString(), "--output", output.toString(),
                "--partitions", Integer.toString(partitions));
        return SegmentJob.run(spark, options);
    }

    /** VmHWM of the executor JVM named {@code id/pid@host}, while it still runs. */
    private static String peakRssMiB(String executor) {
        try {
            String pid = executor.substring(executor.indexOf('/') + 1, executor.indexOf('@'));
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return Long.toString(kb / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
        return "n/a";
    }

    private static Path prepare(List<Path> sources, int count, int side, Path out) throws IOException {
        Files.createDirectories(out);
        ImageDecoder decoder = new ImageDecoder();
        int written = 0;
        for (Path source : sources) {
            List<Path> images;
            try (Stream<Path> s = Files.list(source)) {
                images = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            }
            for (Path image : images) {
                if (written == count) {
                    return out;
                }
                if (side <= 0) {
                    Files.copy(image, out.resolve(image.getFileName()));
                    written++;
                    continue;
                }
                try (MatHandle decoded = decoder.decode(Files.readAllBytes(image));
                        MatHandle resized = ImageOps.resizeToLongerSide(decoded.mat(), side);
                        MatHandle buffer = MatHandle.of(new MatOfByte());
                        MatHandle quality = MatHandle.of(new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92))) {
                    Imgcodecs.imencode(".jpg", resized.mat(), (MatOfByte) buffer.mat(), (MatOfInt) quality.mat());
                    Files.write(out.resolve(image.getFileName()), ((MatOfByte) buffer.mat()).toArray());
                    written++;
                } catch (ImageDecodeException e) {
                    System.err.println("skipping " + image + ": " + e.reasonCode());
                }
            }
        }
        return out;
    }
}
