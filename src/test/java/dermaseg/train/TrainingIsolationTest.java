package dermaseg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.fcn.FcnModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What runs on executors must not depend on training: no compiled class outside {@code train}
 * itself, the single-machine commands ({@code cli}, which starts training) and model selection
 * ({@code selection}, which {@code cli} alone uses) refers to a class of {@code dermaseg.train}.
 *
 * <p>The check reads the compiled classes, not the sources: every class a class file uses, by
 * import or by fully qualified name, in a field, a method, a signature or an annotation, is named
 * in its constant pool as {@code dermaseg/train/…}, so a byte search for that name finds every
 * use; a class looked up by name ({@code Class.forName("dermaseg.train.…")}) is caught by the
 * dotted form. Comments and javadoc links leave nothing in a class file and are allowed.
 */
class TrainingIsolationTest {
    /**
     * Packages that may use training: training itself, the commands that start it, and model
     * selection, which trains every candidate it compares (and which only the commands use).
     */
    private static final Set<String> ALLOWED = Set.of("dermaseg/train/", "dermaseg/cli/", "dermaseg/selection/");
    /** What executors load: the scan must have read these, or it proves nothing. */
    private static final List<String> EXECUTOR_PACKAGES =
            List.of("dermaseg/fcn/", "dermaseg/pipeline/", "dermaseg/spark/");
    /** Training, and model selection, which trains: neither may be reached from executor code. */
    private static final byte[][] TRAINING_NAMES = {
        "dermaseg/train/".getBytes(StandardCharsets.US_ASCII),
        "dermaseg.train.".getBytes(StandardCharsets.US_ASCII),
        "dermaseg/selection/".getBytes(StandardCharsets.US_ASCII),
        "dermaseg.selection.".getBytes(StandardCharsets.US_ASCII),
    };

    @Test
    void noClassOutsideTrainingAndTheCommandsRefersToTraining() throws IOException, URISyntaxException {
        Path classes = Path.of(FcnModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> scanned = new ArrayList<>();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dermaseg"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (ALLOWED.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                scanned.add(file);
                if (refersToTraining(Files.readAllBytes(file))) {
                    offenders.add(name);
                }
            }
        }
        Set<String> scannedPackages = new TreeSet<>();
        for (Path p : scanned) {
            scannedPackages.add(classes.relativize(p.getParent()).toString().replace('\\', '/') + "/");
        }
        assertTrue(scannedPackages.containsAll(EXECUTOR_PACKAGES),
                "compiled classes of " + EXECUTOR_PACKAGES + " not found under " + classes + ": " + scannedPackages);
        assertEquals(List.of(), offenders, "classes outside training that refer to dermaseg.train");
    }

    @Test
    void theSearchFindsAReferenceInAClassFile() throws IOException, URISyntaxException {
        Path trainer = Path.of(FcnTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dermaseg/train/FcnTrainer.class");
        assertTrue(refersToTraining(Files.readAllBytes(trainer)), "FcnTrainer names itself in its constant pool");
        Path model = Path.of(FcnModel.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dermaseg/fcn/FcnModel.class");
        assertFalse(refersToTraining(Files.readAllBytes(model)), "FcnModel does not");
    }

    private static boolean refersToTraining(byte[] classFile) {
        for (byte[] name : TRAINING_NAMES) {
            if (indexOf(classFile, name) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
