package dermaseg.selection;

import dermaseg.metrics.ConfusionCounts;
import dermaseg.pipeline.Ablation;
import dermaseg.uncertainty.UncertaintyFeatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One held-out image as a fold scored it: per ablation variant its confusion counts and HD95, the
 * uncertainty features of the fused result, and the score of the fold's own uncertainty fit. A
 * fold's images are kept as a CSV so that the summary, and the uncertainty fits pooled over
 * folds, can be made again without segmenting anything.
 */
public record HeldOutImage(String id, String group, Map<Ablation.Variant, ConfusionCounts> counts,
        Map<Ablation.Variant, Double> hd95, UncertaintyFeatures features, double foldUncertainty) {

    private static final String HEADER = header();

    private static String header() {
        StringBuilder b = new StringBuilder("image_id,group");
        for (Ablation.Variant v : Ablation.Variant.values()) {
            String p = v.name().toLowerCase(Locale.ROOT);
            b.append(',').append(p).append("_tp,").append(p).append("_fp,").append(p).append("_tn,")
                    .append(p).append("_fn,").append(p).append("_hd95");
        }
        return b.append(",fcn_doubt,map_disagreement,image_contrast,lesion_fraction,view_disagreement,fold_uncertainty")
                .toString();
    }

    private String line() {
        StringBuilder b = new StringBuilder(id).append(',').append(group);
        for (Ablation.Variant v : Ablation.Variant.values()) {
            ConfusionCounts c = counts.get(v);
            b.append(',').append(c.tp()).append(',').append(c.fp()).append(',').append(c.tn()).append(',')
                    .append(c.fn()).append(',').append(String.format(Locale.ROOT, "%.4f", hd95.get(v)));
        }
        return b.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.4f,%.6f,%.6f,%.6f", features.fcnDoubt(),
                features.mapDisagreement(), features.imageContrast(), features.lesionFraction(),
                features.viewDisagreement(), foldUncertainty)).toString();
    }

    /** Writes the images beside {@code file} and renames them over it, so a kill leaves no half file. */
    public static void write(List<HeldOutImage> images, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (HeldOutImage i : images) {
            lines.add(i.line());
        }
        ScoreFiles.writeLines(lines, file);
    }

    public static List<HeldOutImage> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a held-out scores file of this version (header differs)");
        }
        List<HeldOutImage> images = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split(",", -1);
            int k = 2;
            Map<Ablation.Variant, ConfusionCounts> counts = new EnumMap<>(Ablation.Variant.class);
            Map<Ablation.Variant, Double> hd95 = new EnumMap<>(Ablation.Variant.class);
            for (Ablation.Variant v : Ablation.Variant.values()) {
                counts.put(v, new ConfusionCounts(Long.parseLong(f[k]), Long.parseLong(f[k + 1]),
                        Long.parseLong(f[k + 2]), Long.parseLong(f[k + 3])));
                hd95.put(v, Double.parseDouble(f[k + 4]));
                k += 5;
            }
            UncertaintyFeatures features = new UncertaintyFeatures(Double.parseDouble(f[k]),
                    Double.parseDouble(f[k + 1]), Double.parseDouble(f[k + 2]), Double.parseDouble(f[k + 3]),
                    Double.parseDouble(f[k + 4]));
            images.add(new HeldOutImage(f[0], f[1], counts, hd95, features, Double.parseDouble(f[k + 5])));
        }
        return images;
    }
}
