package dermaseg.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Pairs from a folder laid out as {@code images/<id>.<ext>} and {@code masks/<id>.png} (the ISIC
 * naming {@code masks/<id>_segmentation.png} is accepted too). Images without a mask are left out
 * and counted in {@link #unpairedImages()}.
 */
public final class FolderPairSource implements PairSource {
    private static final List<String> IMAGE_EXTENSIONS =
            List.of(".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff");

    private final String description;
    private final Map<String, Path[]> pairs;
    private final int unpairedImages;

    private FolderPairSource(String description, Map<String, Path[]> pairs, int unpairedImages) {
        this.description = description;
        this.pairs = pairs;
        this.unpairedImages = unpairedImages;
    }

    /** Scans {@code root/images} and {@code root/masks}. */
    public static FolderPairSource scan(Path root) throws IOException {
        Path images = root.resolve("images");
        Path masks = root.resolve("masks");
        if (!Files.isDirectory(images) || !Files.isDirectory(masks)) {
            throw new IOException("expected " + images + " and " + masks + " to be folders");
        }
        List<Path> imageFiles;
        try (Stream<Path> s = Files.list(images)) {
            imageFiles = s.filter(p -> IMAGE_EXTENSIONS.contains(extension(p))).sorted().toList();
        }
        Map<String, Path[]> pairs = new LinkedHashMap<>();
        int unpaired = 0;
        for (Path image : imageFiles) {
            String id = stripExtension(image.getFileName().toString());
            Path mask = masks.resolve(id + ".png");
            if (!Files.exists(mask)) {
                mask = masks.resolve(id + "_segmentation.png");
            }
            if (Files.exists(mask)) {
                pairs.put(id, new Path[] {image, mask});
            } else {
                unpaired++;
            }
        }
        if (pairs.isEmpty()) {
            throw new IOException("no image/mask pairs under " + root);
        }
        return new FolderPairSource(root.toAbsolutePath().normalize().toString(), pairs, unpaired);
    }

    /** The pairs of several folders as one source; an id found in two of them is refused. */
    public static FolderPairSource scanAll(List<Path> roots) throws IOException {
        Map<String, Path[]> pairs = new LinkedHashMap<>();
        int unpaired = 0;
        List<String> descriptions = new ArrayList<>();
        for (Path root : roots) {
            FolderPairSource one = scan(root);
            for (Map.Entry<String, Path[]> e : one.pairs.entrySet()) {
                if (pairs.put(e.getKey(), e.getValue()) != null) {
                    throw new IOException("pair " + e.getKey() + " is in more than one of " + roots);
                }
            }
            unpaired += one.unpairedImages;
            descriptions.add(one.description);
        }
        return new FolderPairSource(String.join(" + ", descriptions), sortedById(pairs), unpaired);
    }

    /**
     * Only the pairs with the given ids, in id order, described as {@code label} of this source;
     * an id that this source lacks is refused.
     */
    public FolderPairSource only(Collection<String> ids, String label) {
        Map<String, Path[]> kept = new LinkedHashMap<>();
        for (String id : ids) {
            Path[] files = pairs.get(id);
            if (files == null) {
                throw new IllegalArgumentException("no pair " + id + " in " + description);
            }
            kept.put(id, files);
        }
        return new FolderPairSource(description + " [" + label + "]", sortedById(kept), 0);
    }

    private static Map<String, Path[]> sortedById(Map<String, Path[]> pairs) {
        return new LinkedHashMap<>(new TreeMap<>(pairs));
    }

    /** Keeps only the first {@code n} pairs in id order: for smoke tests and quick trials. */
    public FolderPairSource limit(int n) {
        Map<String, Path[]> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Path[]> e : pairs.entrySet()) {
            if (kept.size() == n) {
                break;
            }
            kept.put(e.getKey(), e.getValue());
        }
        return new FolderPairSource(description, kept, unpairedImages);
    }

    public int unpairedImages() {
        return unpairedImages;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> ids() {
        return List.copyOf(pairs.keySet());
    }

    @Override
    public Iterator<TrainingPair> iterator(Long shuffleSeed) {
        List<String> order = new ArrayList<>(pairs.keySet());
        if (shuffleSeed != null) {
            Collections.shuffle(order, new Random(shuffleSeed));
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public TrainingPair next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String id = order.get(next++);
                Path[] files = pairs.get(id);
                try {
                    return new TrainingPair(id, Files.readAllBytes(files[0]), Files.readAllBytes(files[1]));
                } catch (IOException e) {
                    throw PairSource.unchecked("reading pair " + id, e);
                }
            }
        };
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
