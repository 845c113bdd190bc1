package dermaseg.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A main class of the project in a JVM of its own, on the build's runtime classpath and with this
 * JVM's flags (Spark's module openings, DJL offline): a driver that a test can kill for real.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The build's runtime classpath: compiled classes and every dependency, Spark included. The
     * classes folder is {@code <build>/classes}, or a copy of it named by the system property
     * {@code dermaseg.classes} (so that a long fault check is not disturbed by a rebuild).
     */
    public static String classpath() throws IOException {
        String classes = System.getProperty("dermaseg.classes", buildFolder().resolve("classes").toString());
        return Path.of(classes).toAbsolutePath() + ":"
                + Files.readString(buildFolder().resolve("classpath.txt")).trim();
    }

    /**
     * Maven's build folder: {@code target/}, or a Spark profile's own folder under it, as the
     * build passes it in the system property {@code dermaseg.build}.
     */
    public static Path buildFolder() {
        return Path.of(System.getProperty("dermaseg.build", "target"));
    }

    /** This JVM's flags, less agents and the heap size: what a child or an executor JVM is started with. */
    public static List<String> inheritedFlags() {
        List<String> flags = new ArrayList<>();
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent") && !flag.startsWith("-Xmx")
                    && !flag.startsWith("-Dlog4j2.configurationFile") && !flag.startsWith("-Ddermaseg.spark.properties")) {
                flags.add(flag);
            }
        }
        return flags;
    }

    /** Starts {@code main} with {@code args}, logging with the project's log4j2 file; output to {@code log}. */
    public static Process start(Class<?> main, Path log, String... args) throws IOException {
        return start(main, log, List.of("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath()),
                args);
    }

    /** Starts {@code main} with {@code args} and the extra JVM flags {@code flags}; stdout and stderr to {@code log}. */
    public static Process start(Class<?> main, Path log, List<String> flags, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedFlags());
        command.add("-Xmx2g");
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.pytorch.num_threads=1");
        command.addAll(flags);
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }
}
