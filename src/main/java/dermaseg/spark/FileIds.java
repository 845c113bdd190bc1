package dermaseg.spark;

import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image ids from file names. An image's id is its file name without the extension
 * ({@code ISIC_0000000.jpg} → {@code ISIC_0000000}); a mask's id comes from a pattern such as
 * {@code {id}_segmentation.png}, so that masks named the ISIC way, or any other way, pair with
 * their images. Several patterns may be given; the first that matches a file gives its id, and of
 * several files naming one id, the one matched by the earliest pattern is the id's mask.
 */
public final class FileIds implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PLACEHOLDER = "{id}";

    private final List<String> patterns;
    private transient List<Pattern> compiled;

    private FileIds(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @param patterns comma-separated file-name patterns, each with exactly one {@code {id}}, e.g.
     *                 {@code "{id}_segmentation.png,{id}.png"}
     */
    public static FileIds of(String patterns) {
        List<String> list = new ArrayList<>();
        for (String p : patterns.split(",")) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            int first = t.indexOf(PLACEHOLDER);
            if (first < 0 || first != t.lastIndexOf(PLACEHOLDER)) {
                throw new IllegalArgumentException("pattern '" + t + "' must contain {id} exactly once");
            }
            list.add(t);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no id pattern given");
        }
        return new FileIds(list);
    }

    /**
     * The file-name part of a path or URI, percent-escapes decoded: Spark lists files as URIs,
     * so {@code IMG 001.jpg} arrives as {@code IMG%20001.jpg}, and its id must be {@code IMG 001}.
     * A name that is not validly escaped is taken as it is.
     */
    public static String fileName(String pathOrUri) {
        String s = pathOrUri;
        int slash = s.lastIndexOf('/');
        String name = slash >= 0 ? s.substring(slash + 1) : s;
        if (name.indexOf('%') < 0) {
            return name;
        }
        try {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEscaped) {
            return name;
        }
    }

    /** An image's id: its file name without the last extension. */
    public static String imageId(String pathOrUri) {
        String name = fileName(pathOrUri);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The id a mask file stands for, or null when no pattern matches its name. */
    public String maskId(String pathOrUri) {
        int i = maskPattern(pathOrUri);
        return i < 0 ? null : match(i, fileName(pathOrUri));
    }

    /**
     * The position of the first pattern that names the file (the one {@link #maskId} used), or
     * -1. Of several files naming one id, the one matched by the earliest pattern is the mask:
     * with {@code {id}_segmentation.png,{id}.png}, {@code X_segmentation.png} beats {@code X.png}.
     */
    public int maskPattern(String pathOrUri) {
        String name = fileName(pathOrUri);
        for (int i = 0; i < compiled().size(); i++) {
            if (match(i, name) != null) {
                return i;
            }
        }
        return -1;
    }

    private String match(int pattern, String name) {
        Matcher m = compiled().get(pattern).matcher(name);
        return m.matches() && !m.group(1).isEmpty() ? m.group(1) : null;
    }

    private List<Pattern> compiled() {
        if (compiled == null) {
            List<Pattern> c = new ArrayList<>();
            for (String p : patterns) {
                int at = p.indexOf(PLACEHOLDER);
                String before = p.substring(0, at);
                String after = p.substring(at + PLACEHOLDER.length());
                c.add(Pattern.compile((before.isEmpty() ? "" : Pattern.quote(before)) + "(.+?)"
                        + (after.isEmpty() ? "" : Pattern.quote(after))));
            }
            compiled = c;
        }
        return compiled;
    }
}
