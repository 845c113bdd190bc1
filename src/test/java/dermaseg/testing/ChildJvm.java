package dermaseg.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A main class of the project in a JVM of its own, on the build's runtime classpath and with this
 * JVM's flags (Spark's module openings, DJL offline, the logging file): a driver that a test can
 * kill for real.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args}; stdout and stderr go to {@code log}. */
    public static Process start(Class<?> main, Path log, String... args) throws IOException {
        String classpath = Path.of("target/classes").toAbsolutePath() + ":"
                + Files.readString(Path.of("target/classpath.txt")).trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent")) {
                command.add(flag);
            }
        }
        command.add("-Xmx2g");
        command.add("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath());
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.pytorch.num_threads=1");
        command.add("-cp");
        command.add(classpath);
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        return pb.start();
    }
}
