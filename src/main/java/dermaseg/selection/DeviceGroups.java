package dermaseg.selection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which camera each labelled pair came from, read from the original image size that a dataset's
 * {@code manifest.csv} records ({@code id, …, orig_w, orig_h, …}). ISIC 2017 mixes several
 * dermatoscopes and cameras, and a camera shows itself by its sensor's frame: 4288×2848 and
 * 3008×2000 are two DSLRs, 1024×768 a video dermatoscope, and the many frames under 1000 px are
 * small-format devices (or crops from them) that no other group resembles.
 *
 * <p>The rule, applied to the size with its longer side first (a portrait frame is the same
 * camera turned): a frame whose longer side is under {@value #SMALL_FORMAT_LONGER_SIDE} px is
 * {@value #SMALL_FORMAT}; a frame that at least {@code minGroupSize} pairs share exactly is its
 * own group, named {@code <longer>x<shorter>}; every other frame is {@value #OTHER}. Exact sizes,
 * not ranges: two cameras of similar size are different devices, and a crop of one frame (1022×767
 * beside 1024×768) is not told apart from another camera by size alone, so it goes to
 * {@value #OTHER} rather than being guessed into a group.
 */
public final class DeviceGroups {
    /** The group of every frame whose longer side is below {@link #SMALL_FORMAT_LONGER_SIDE}. */
    public static final String SMALL_FORMAT = "small-format";
    /** The group of every frame that is neither small nor shared by enough pairs. */
    public static final String OTHER = "other";
    public static final int SMALL_FORMAT_LONGER_SIDE = 1000;
    /** Pairs that must share a frame size for it to be a group of its own, by default. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 100;

    private final Map<String, String> groupOfId;

    private DeviceGroups(Map<String, String> groupOfId) {
        this.groupOfId = Collections.unmodifiableMap(groupOfId);
    }

    /** An original frame size. */
    public record Frame(int width, int height) {
        public Frame {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("a frame size must be positive, not " + width + "x" + height);
            }
        }

        int longer() {
            return Math.max(width, height);
        }

        /** The size with its longer side first: {@code 4288x2848} for either orientation. */
        String name() {
            return longer() + "x" + Math.min(width, height);
        }
    }

    /** Groups the given frames by the rule in the class comment. */
    public static DeviceGroups of(Map<String, Frame> frames, int minGroupSize) {
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("the smallest group must hold at least one pair, not " + minGroupSize);
        }
        Map<String, Integer> sharing = new TreeMap<>();
        for (Frame f : frames.values()) {
            sharing.merge(f.name(), 1, Integer::sum);
        }
        Map<String, String> groups = new LinkedHashMap<>();
        frames.forEach((id, f) -> {
            String group;
            if (f.longer() < SMALL_FORMAT_LONGER_SIDE) {
                group = SMALL_FORMAT;
            } else if (sharing.get(f.name()) >= minGroupSize) {
                group = f.name();
            } else {
                group = OTHER;
            }
            groups.put(id, group);
        });
        return new DeviceGroups(groups);
    }

    /**
     * Reads the {@code id}, {@code orig_w} and {@code orig_h} columns of every manifest given (the
     * train and validation folders' together, so that a device's pairs are grouped wherever they
     * were filed).
     */
    public static DeviceGroups read(List<Path> manifests, int minGroupSize) throws IOException {
        Map<String, Frame> frames = new LinkedHashMap<>();
        for (Path manifest : manifests) {
            readFrames(manifest, frames);
        }
        return of(frames, minGroupSize);
    }

    /**
     * The manifest is written by the data's staging script: a header, then plain comma-separated
     * fields, never quoted (ids and repository paths hold no commas). A quote is refused rather
     * than misread, which is why this small reader is enough.
     */
    private static void readFrames(Path manifest, Map<String, Frame> into) throws IOException {
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(manifest + ": empty manifest, expected a header with id, orig_w, orig_h");
        }
        List<String> header = List.of(lines.get(0).trim().split(",", -1));
        int id = column(header, "id", manifest);
        int width = column(header, "orig_w", manifest);
        int height = column(header, "orig_h", manifest);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.indexOf('"') >= 0) {
                throw new IOException(manifest + " line " + (i + 1) + ": quoted fields are not supported");
            }
            String[] f = line.split(",", -1);
            if (f.length != header.size()) {
                throw new IOException(String.format(Locale.ROOT, "%s line %d: %d fields, the header has %d",
                        manifest, i + 1, f.length, header.size()));
            }
            try {
                Frame frame = new Frame(Integer.parseInt(f[width]), Integer.parseInt(f[height]));
                if (into.put(f[id], frame) != null) {
                    throw new IOException(manifest + " line " + (i + 1) + ": id " + f[id] + " listed twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(manifest + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
    }

    private static int column(List<String> header, String name, Path manifest) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(manifest + ": no column '" + name + "' in its header " + header);
        }
        return i;
    }

    /**
     * Only the given ids' groups (the pairs a folder holds), group names kept as the whole manifest
     * decided them; an id no manifest lists is refused, since its device is unknown.
     */
    public DeviceGroups restrictedTo(Collection<String> ids) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String id : ids) {
            String group = groupOfId.get(id);
            if (group == null) {
                throw new IllegalArgumentException("pair " + id + " is in no manifest: its device is unknown");
            }
            kept.put(id, group);
        }
        return new DeviceGroups(kept);
    }

    /** The group of a pair, or null when no manifest listed it. */
    public String groupOf(String id) {
        return groupOfId.get(id);
    }

    public Set<String> ids() {
        return groupOfId.keySet();
    }

    /** Each group's pairs, groups by name, ids in the order they were read. */
    public Map<String, List<String>> members() {
        Map<String, List<String>> m = new TreeMap<>();
        groupOfId.forEach((id, g) -> m.computeIfAbsent(g, k -> new ArrayList<>()).add(id));
        return m;
    }
}
