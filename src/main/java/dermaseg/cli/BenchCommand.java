package dermaseg.cli;

import dermaseg.fcn.FcnConfig;
import dermaseg.fcn.FcnCost;
import dermaseg.fcn.ModelCard;
import dermaseg.fcn.NativeHeap;
import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageDecoder;
import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.pipeline.LesionSegmenter;
import dermaseg.pipeline.SegmentationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencv.core.Core;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import dermaseg.commandline.OptionChecks;
import dermaseg.commandline.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dermaseg bench}: per-stage milliseconds per image through the whole pipeline, with the
 * images first brought to a fixed longer side and re-encoded as JPEG (so that decoding is
 * measured on realistic bytes). Run it with one PyTorch thread ({@code scripts/bench pipeline}
 * does) to read the figures as milliseconds per image per core.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Time every pipeline stage per image (medians over repeated rounds).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--images", paramLabel = "PATH",
            description = "Folder of images (or image files; repeatable); needed unless --flops.")
    List<Path> images;

    @Option(names = "--side", defaultValue = "512", paramLabel = "PIXELS",
            description = "Longer side the images are resized to (default: ${DEFAULT-VALUE}).")
    int side;

    @Option(names = "--count", defaultValue = "40", paramLabel = "N",
            description = "Images to use (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Passes over the images (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "N",
            description = "Untimed images first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--flops", description = "Print the model's parameters and GFLOP only; time nothing.")
    boolean flopsOnly;

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.asUsageError(spec, model::validate);
        printCost(model.location().readCard().architecture);
        if (flopsOnly) {
            return 0;
        }
        OptionChecks.asUsageError(spec, () -> {
            if (images == null) {
                throw new IllegalArgumentException("--images is needed to time the pipeline");
            }
        });
        List<byte[]> inputs = prepare(SegmentCommand.expand(images));
        // Per core means OpenCV too: its resize and colour conversions would use every core.
        Core.setNumThreads(1);
        if (inputs.isEmpty()) {
            System.err.println("no usable images");
            return 1;
        }
        System.out.printf(Locale.ROOT, "%d images at longer side %d (JPEG q92), %d rounds, PyTorch threads %s%n",
                inputs.size(), side, rounds, System.getProperty("ai.djl.pytorch.num_threads", "default"));
        System.out.printf(Locale.ROOT, "OpenCV threads %d%n", Core.getNumThreads());
        Map<String, List<Double>> perStage = new LinkedHashMap<>();
        List<Double> wall = new ArrayList<>();
        try (LesionSegmenter segmenter = LesionSegmenter.builder()
                .model(model.location()).config(model.config()).build()) {
            System.out.printf(Locale.ROOT, "C heap pages kept between passes (%s): %s%n", NativeHeap.PROPERTY,
                    NativeHeap.keepPagesForInference());
            for (int i = 0; i < warmup; i++) {
                segmenter.segment(inputs.get(i % inputs.size()));
            }
            long started = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (byte[] input : inputs) {
                    long t0 = System.nanoTime();
                    SegmentationResult result = segmenter.segment(input);
                    wall.add((System.nanoTime() - t0) / 1e6);
                    result.timings().asMap().forEach((k, v) -> perStage.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.println("| stage       | median ms | p90 ms |");
            System.out.println("|-------------|-----------|--------|");
            for (Map.Entry<String, List<Double>> e : perStage.entrySet()) {
                System.out.printf(Locale.ROOT, "| %-11s | %9.1f | %6.1f |%n", e.getKey(),
                        EvaluateCommand.median(e.getValue()), percentile(e.getValue(), 0.9));
            }
            System.out.printf(Locale.ROOT, "| %-11s | %9.1f | %6.1f |%n", "total", EvaluateCommand.median(wall),
                    percentile(wall, 0.9));
            System.out.printf(Locale.ROOT, "throughput: %.2f images/s (%d images in %.1f s)%n",
                    wall.size() / seconds, wall.size(), seconds);
        }
        return 0;
    }

    /** The FCN's size and arithmetic per image, counted as {@link FcnCost} says. */
    private static void printCost(ModelCard.Architecture architecture) {
        FcnConfig config = architecture.toConfig();
        FcnCost cost = FcnCost.of(config);
        System.out.printf(Locale.ROOT, "FCN %s: %,d parameters, %.3f GFLOP per image (%s)%n", config,
                cost.parameters(), cost.gflop(), ModelCard.Flops.CONVENTION);
    }

    private List<byte[]> prepare(List<Path> files) throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        List<byte[]> out = new ArrayList<>();
        for (Path f : files) {
            if (out.size() == count) {
                break;
            }
            try (MatHandle image = decoder.decode(Files.readAllBytes(f));
                    MatHandle resized = ImageOps.resizeToLongerSide(image.mat(), side);
                    MatHandle buffer = MatHandle.of(new MatOfByte());
                    MatHandle quality = MatHandle.of(new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92))) {
                Imgcodecs.imencode(".jpg", resized.mat(), (MatOfByte) buffer.mat(), (MatOfInt) quality.mat());
                out.add(((MatOfByte) buffer.mat()).toArray());
            } catch (ImageDecodeException e) {
                System.err.println("skipping " + f + ": " + e.reasonCode());
            }
        }
        return out;
    }

    private static double percentile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }
}
