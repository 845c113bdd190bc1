package dermaseg.fcn;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a model's files are: a folder (holding {@code model-card.json} and the parameters file
 * it names), or a model bundled on the classpath, which travels inside the project's jar to every
 * Spark executor with no set-up.
 *
 * <p>Every bundled model lives under {@code dermaseg/models/<name>/}. {@code bundled} is the
 * shipped default ({@link #DEFAULT_BUNDLED}); {@code bundled:<name>} is any bundled model by name,
 * so that a model that has been superseded still reproduces the runs made with it.
 */
public final class ModelLocation {
    /** The name users type for the shipped model. */
    public static final String BUNDLED_NAME = "bundled";
    /** The bundled model that {@value #BUNDLED_NAME} means. */
    public static final String DEFAULT_BUNDLED = "hadamard-192";
    /** Every bundled model's name, oldest first (a compile-time constant, as help texts need). */
    public static final String BUNDLED_NAMES_TEXT = "unet-160, separable-192, hadamard-192";
    public static final List<String> BUNDLED_MODELS = List.of(BUNDLED_NAMES_TEXT.split(", "));
    private static final String BUNDLED_PREFIX = BUNDLED_NAME + ":";
    private static final String BUNDLED_RESOURCES = "dermaseg/models/";
    private static final Map<String, ModelLocation> EXTRACTED = new ConcurrentHashMap<>();

    private final Path folder;

    private ModelLocation(Path folder) {
        this.folder = folder;
    }

    /**
     * {@code "bundled"} (or null/blank) for the shipped model, {@code "bundled:<name>"} for a
     * bundled model by name, else a folder path.
     */
    public static ModelLocation of(String spec) {
        return isBundled(spec) ? bundled(spec) : folder(Path.of(spec));
    }

    /** Whether {@code spec} names a bundled model rather than a folder. */
    public static boolean isBundled(String spec) {
        return spec == null || spec.isBlank() || spec.equals(BUNDLED_NAME) || spec.startsWith(BUNDLED_PREFIX);
    }

    /**
     * The bundled model a spec names ({@link #isBundled}); an unknown name is refused with the
     * list of known ones.
     */
    public static ModelLocation bundled(String spec) {
        String name = bundledName(spec);
        return EXTRACTED.computeIfAbsent(name, ModelLocation::extract);
    }

    /** The name of the bundled model a spec names, checked against {@link #BUNDLED_MODELS}. */
    public static String bundledName(String spec) {
        if (!isBundled(spec)) {
            throw new IllegalArgumentException("'" + spec + "' names no bundled model");
        }
        String name = spec == null || !spec.startsWith(BUNDLED_PREFIX) ? DEFAULT_BUNDLED
                : spec.substring(BUNDLED_PREFIX.length());
        if (!BUNDLED_MODELS.contains(name)) {
            throw new IllegalArgumentException("no bundled model '" + name + "'; bundled models: "
                    + String.join(", ", BUNDLED_MODELS) + " ('" + BUNDLED_NAME + "' is " + DEFAULT_BUNDLED + ")");
        }
        return name;
    }

    public static ModelLocation folder(Path folder) {
        return new ModelLocation(folder.toAbsolutePath().normalize());
    }

    /** The shipped model; absent only in a broken build. */
    public static ModelLocation bundled() {
        return bundled(BUNDLED_NAME);
    }

    /**
     * The shipped model's card, read from the classpath without extracting the model's files (and
     * without loading PyTorch): what a command's {@code --version} reports.
     */
    public static ModelCard bundledCard() throws IOException {
        try (InputStream in = bundledResource(DEFAULT_BUNDLED, ModelCard.FILE_NAME)) {
            return ModelCard.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    private static InputStream bundledResource(String model, String file) throws IOException {
        String resource = BUNDLED_RESOURCES + model + "/" + file;
        InputStream in = ModelLocation.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource " + resource + " is missing");
        }
        return in;
    }

    /** Stable identity, used as the per-JVM cache key. */
    public String key() {
        return folder.toString();
    }

    public Path folder() {
        return folder;
    }

    public Path cardFile() {
        return folder.resolve(ModelCard.FILE_NAME);
    }

    public ModelCard readCard() throws IOException {
        if (!Files.isRegularFile(cardFile())) {
            throw new IOException("no " + ModelCard.FILE_NAME + " in model folder " + folder);
        }
        return ModelCard.read(cardFile());
    }

    @Override
    public String toString() {
        return folder.toString();
    }

    /**
     * DJL loads parameters from files, so a bundled model's resources are copied to a temporary
     * folder, once per JVM and model ({@link #EXTRACTED} makes that lazy and thread-safe).
     */
    private static ModelLocation extract(String model) {
        try {
            Path dir = Files.createTempDirectory("dermaseg-model-");
            dir.toFile().deleteOnExit();
            Path card = copyResource(model, ModelCard.FILE_NAME, dir);
            String params = ModelCard.read(card).parametersFile;
            copyResource(model, params, dir);
            return new ModelLocation(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled model " + model, e);
        }
    }

    private static Path copyResource(String model, String file, Path dir) throws IOException {
        try (InputStream in = bundledResource(model, file)) {
            Path target = dir.resolve(file);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
            return target;
        }
    }
}
