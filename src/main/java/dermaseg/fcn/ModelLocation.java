package dermaseg.fcn;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a model's files are: a folder (holding {@code model-card.json} and the parameters file
 * it names), or the default model bundled on the classpath, which travels inside the project's
 * jar to every Spark executor with no set-up.
 */
public final class ModelLocation {
    /** The name users type for the shipped model. */
    public static final String BUNDLED_NAME = "bundled";
    private static final String BUNDLED_RESOURCE = "dermaseg/model/";

    private final Path folder;

    private ModelLocation(Path folder) {
        this.folder = folder;
    }

    /** {@code "bundled"} (or null/blank) for the shipped model, else a folder path. */
    public static ModelLocation of(String spec) {
        if (spec == null || spec.isBlank() || spec.equals(BUNDLED_NAME)) {
            return bundled();
        }
        return folder(Path.of(spec));
    }

    public static ModelLocation folder(Path folder) {
        return new ModelLocation(folder.toAbsolutePath().normalize());
    }

    /** The shipped model; absent only in a broken build. */
    public static ModelLocation bundled() {
        return Bundled.LOCATION;
    }

    /**
     * The shipped model's card, read from the classpath without extracting the model's files (and
     * without loading PyTorch): what a command's {@code --version} reports.
     */
    public static ModelCard bundledCard() throws IOException {
        try (InputStream in = bundledResource(ModelCard.FILE_NAME)) {
            return ModelCard.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    private static InputStream bundledResource(String name) throws IOException {
        InputStream in = ModelLocation.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE + name);
        if (in == null) {
            throw new IOException("resource " + BUNDLED_RESOURCE + name + " is missing");
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
     * DJL loads parameters from files, so the bundled resources are copied to a temporary folder,
     * once per JVM (the holder idiom makes that lazy and thread-safe).
     */
    private static final class Bundled {
        static final ModelLocation LOCATION = extract();

        private static ModelLocation extract() {
            try {
                Path dir = Files.createTempDirectory("dermaseg-model-");
                dir.toFile().deleteOnExit();
                Path card = copyResource(ModelCard.FILE_NAME, dir);
                String params = ModelCard.read(card).parametersFile;
                copyResource(params, dir);
                return new ModelLocation(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the bundled model", e);
            }
        }

        private static Path copyResource(String name, Path dir) throws IOException {
            try (InputStream in = bundledResource(name)) {
                Path target = dir.resolve(name);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
                return target;
            }
        }
    }
}
