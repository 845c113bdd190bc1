package dermaseg.cli;

import dermaseg.image.ImageDecodeException;
import dermaseg.image.ImageOps;
import dermaseg.image.MatHandle;
import dermaseg.pipeline.Figures;
import dermaseg.pipeline.LesionSegmenter;
import dermaseg.pipeline.SegmentationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import dermaseg.commandline.OptionChecks;
import dermaseg.commandline.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dermaseg segment}: images in, mask PNGs and overlay PNGs out, one line per image.
 * A file that is not a usable image is reported with its reason and skipped; the exit code is
 * 0 when every image was segmented and 2 when some were not.
 */
@Command(name = "segment", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Segment image files (or every image in the given folders) into lesion masks.")
final class SegmentCommand implements Callable<Integer> {
    static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff");

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders.")
    List<Path> inputs;

    @Option(names = "--output", required = true, paramLabel = "FOLDER",
            description = "Folder for masks/<id>.png and overlays/<id>.png.")
    Path output;

    @Option(names = "--no-overlays", description = "Write only the masks.")
    boolean noOverlays;

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OptionChecks.asUsageError(spec, model::validate);
        List<Path> files = expand(inputs);
        Path masks = Files.createDirectories(output.resolve("masks"));
        Path overlays = noOverlays ? null : Files.createDirectories(output.resolve("overlays"));
        int failed = 0;
        try (LesionSegmenter segmenter = LesionSegmenter.builder()
                .model(model.location()).config(model.config()).build()) {
            System.out.printf(Locale.ROOT, "model %s, fusion weight %.2f%n",
                    segmenter.card().version, segmenter.fusionConfig().globalWeight());
            for (Path file : files) {
                String id = idOf(file);
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    SegmentationResult r = segmenter.segment(bytes);
                    Files.write(masks.resolve(id + ".png"), r.maskPng());
                    if (overlays != null) {
                        try (MatHandle figure = Figures.figure(r, null, id, 0)) {
                            Files.write(overlays.resolve(id + ".png"), ImageOps.encodePng(figure.mat()));
                        }
                    }
                    System.out.printf(Locale.ROOT,
                            "%s  %dx%d  lesion %.1f%%  otsu %.3f  superpixels %d  %.0f ms%n",
                            id, r.width(), r.height(), 100 * r.lesionFraction(), r.otsuThreshold(),
                            r.superpixelCount(), r.timings().totalMs());
                } catch (ImageDecodeException e) {
                    failed++;
                    System.out.printf(Locale.ROOT, "%s  error %s: %s%n", id, e.reasonCode(), e.getMessage());
                } catch (IOException e) {
                    failed++;
                    System.out.printf(Locale.ROOT, "%s  error unreadable: %s%n", id, e.getMessage());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d segmented, %d failed; masks in %s%n",
                files.size() - failed, failed, masks);
        return failed == 0 ? 0 : 2;
    }

    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> IMAGE_EXTENSIONS.contains(extension(f))).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        return files;
    }

    static String idOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
