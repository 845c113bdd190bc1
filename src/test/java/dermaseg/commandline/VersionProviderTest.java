package dermaseg.commandline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The version banner tells the truth: the pom's version, the card of the model in the resources,
 * and the Spark and Scala that the build put on the classpath, each read here independently.
 */
class VersionProviderTest {
    @Test
    void theBannerIsThePomsVersionTheShippedModelsAndTheSparkBuiltFor() throws Exception {
        Matcher pom = Pattern.compile("<artifactId>dermaseg</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(pom.find(), "the project's version in pom.xml");
        String model = ModelCard.read(Path.of("src/main/resources/dermaseg/models/" + ModelLocation.DEFAULT_BUNDLED + "/model-card.json")).version;
        Properties spark = new Properties();
        // Spark's own record of its version, inside spark-core's jar.
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("spark-version-info.properties")) {
            spark.load(in);
        }
        String scalaBinary = scala.util.Properties.versionNumberString().replaceAll("^(\\d+\\.\\d+).*", "$1");

        assertArrayEquals(new String[] {
            "dermaseg " + pom.group(1),
            "shipped model " + model,
            "built for Spark " + spark.getProperty("version") + " (Scala " + scalaBinary + ")",
        }, new VersionProvider().getVersion());
    }
}
