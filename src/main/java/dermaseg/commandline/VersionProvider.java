package dermaseg.commandline;

import dermaseg.fcn.ModelLocation;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Every command's {@code --version}: the project's version, the shipped model's, and the Spark
 * and Scala the build was made for, so that a report of a problem says which jar ran. The build's
 * versions come from {@code dermaseg/build.properties}, which Maven fills in from the pom; the
 * model's from its card, read without loading the model.
 */
public final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "dermaseg/build.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + RESOURCE + " on the classpath: these classes were not built by Maven");
            }
            build.load(in);
        }
        return new String[] {
            "dermaseg " + build.getProperty("version"),
            "shipped model " + ModelLocation.bundledCard().version,
            "built for Spark " + build.getProperty("spark.version") + " (Scala "
                    + build.getProperty("scala.binary.version") + ")",
        };
    }
}
