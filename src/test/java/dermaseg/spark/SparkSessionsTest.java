package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.commandline.ProgramName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark settings reach a local run from the properties file, read by the job, not through the
 * command line: a secret in the file is never an argument that {@code ps} would show.
 */
class SparkSessionsTest {
    @TempDir
    Path work;

    @Test
    void thePropertiesFileIsReadAsSparkSubmitReadsIt() throws Exception {
        Path file = Files.writeString(work.resolve("spark.conf"), """
                # a comment
                spark.hadoop.fs.s3a.secret.key     s3cr3t-value
                spark.executor.extraJavaOptions    -Da=1 -Db=2
                not.spark                          ignored
                """);
        Map<String, String> p = SparkSessions.properties(file);
        assertEquals("s3cr3t-value", p.get("spark.hadoop.fs.s3a.secret.key"));
        assertEquals("-Da=1 -Db=2", p.get("spark.executor.extraJavaOptions"));
        assertFalse(p.containsKey("not.spark"));
    }

    @Test
    void thePathChecksBeforeSparkStartsUseTheJobsHadoopSettings() throws Exception {
        Path file = Files.writeString(work.resolve("spark.conf"), """
                spark.hadoop.fs.s3a.endpoint          http://127.0.0.1:9000
                spark.hadoop.fs.s3a.path.style.access true
                """);
        String before = System.getProperty(SparkSessions.PROPERTIES_FILE);
        System.setProperty(SparkSessions.PROPERTIES_FILE, file.toString());
        // What spark-submit does with --conf: a system property, which wins over the file.
        System.setProperty("spark.hadoop.fs.s3a.path.style.access", "false");
        try {
            Configuration hadoop = SparkSessions.hadoopConfiguration();
            assertEquals("http://127.0.0.1:9000", hadoop.get("fs.s3a.endpoint"));
            assertEquals("false", hadoop.get("fs.s3a.path.style.access"));
        } finally {
            System.clearProperty("spark.hadoop.fs.s3a.path.style.access");
            if (before == null) {
                System.clearProperty(SparkSessions.PROPERTIES_FILE);
            } else {
                System.setProperty(SparkSessions.PROPERTIES_FILE, before);
            }
        }
    }

    @Test
    void theConsoleProgressBarIsDrawnOnlyOnATerminalUnlessTheSettingsSaySo() throws Exception {
        assertEquals("false", SparkSessions.withConsoleProgress(new SparkConf(false), false)
                .get(SparkSessions.CONSOLE_PROGRESS), "a cron log gets no carriage-return bars");
        assertEquals("true", SparkSessions.withConsoleProgress(new SparkConf(false), true)
                .get(SparkSessions.CONSOLE_PROGRESS));
        SparkConf explicit = new SparkConf(false).set(SparkSessions.CONSOLE_PROGRESS, "true");
        assertEquals("true", SparkSessions.withConsoleProgress(explicit, false).get(SparkSessions.CONSOLE_PROGRESS),
                "the user's own setting wins");
        assertFalse(Files.readString(Path.of("conf/spark-defaults.conf")).lines()
                .anyMatch(l -> l.startsWith(SparkSessions.CONSOLE_PROGRESS)), "left to the terminal test");
    }

    @Test
    void theLocalLauncherPassesTheFileNotItsValues() throws Exception {
        Path conf = Files.writeString(work.resolve("spark.conf"), "spark.hadoop.fs.s3a.secret.key s3cr3t-value\n");
        // A stand-in java that records its arguments, first on the PATH.
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path args = work.resolve("args.txt");
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + args + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("jobs/segment", "--help").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("DERMASEG_SPARK_CONF", conf.toString());
        pb.environment().remove("SPARK_HOME");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        String argv = Files.readString(args);
        assertFalse(argv.contains("s3cr3t-value"), argv);
        assertTrue(argv.contains("-D" + SparkSessions.PROPERTIES_FILE + "=" + conf), argv);
        assertTrue(argv.contains("-D" + ProgramName.PROPERTY + "=jobs/segment"), "the program as typed: " + argv);
    }
}
