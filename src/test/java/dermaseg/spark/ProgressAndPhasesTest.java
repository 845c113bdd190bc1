package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real segment run on {@code local[2]} says how far it is in the driver's log, while it runs,
 * and every Spark job it starts says what it is for.
 */
class ProgressAndPhasesTest extends SparkTestBase {
    private static final Pattern PROGRESS = Pattern.compile("segment: (\\d+)/(\\d+) images \\((\\d+)%\\), .*");

    @TempDir
    Path work;

    /** The messages of the dermaseg loggers, as log4j delivers them. */
    private static final class Captured extends AbstractAppender {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        Captured() {
            super("captured", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage());
        }
    }

    @Test
    void aRunLogsItsProgressAsItGoesAndNamesEveryJob() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        for (Path image : Samples.images().subList(0, 4)) {
            Files.copy(image, input.resolve(image.getFileName()));
        }
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs("--input", input.toString(), "--output", work.resolve("out").toString(),
                "--images-per-partition", "1", "--batch-size", "1");

        List<String> descriptions = Collections.synchronizedList(new ArrayList<>());
        SparkListener jobs = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                descriptions.add(start.properties().getProperty("spark.job.description"));
            }
        };
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        LoggerConfig dermaseg = logs.getConfiguration().getLoggerConfig("dermaseg.spark");
        Captured captured = new Captured();
        captured.start();
        dermaseg.addAppender(captured, Level.INFO, null);
        logs.updateLoggers();
        spark.sparkContext().addSparkListener(jobs);
        try {
            SegmentJob.run(spark, options);
            // Listeners hear of jobs asynchronously: let the last events arrive before counting them.
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(jobs);
            dermaseg.removeAppender(captured.getName());
            logs.updateLoggers();
        }

        List<Long> done = new ArrayList<>();
        for (String line : captured.lines) {
            if (line.startsWith(ProgressListener.class.getName() + " ")) {
                Matcher m = PROGRESS.matcher(line.substring(ProgressListener.class.getName().length() + 1));
                assertTrue(m.matches(), line);
                assertEquals("4", m.group(2));
                done.add(Long.parseLong(m.group(1)));
            }
        }
        // Four partitions of at most two images each (Spark's round robin over two input partitions
        // may leave some empty): a line as each partition ends, with the count its task left.
        assertTrue(done.size() >= 2 && done.get(0) <= 2, "lines while the images are being segmented: " + done);
        assertEquals(4L, done.get(done.size() - 1), "the last line has every image: " + captured.lines);
        for (int i = 1; i < done.size(); i++) {
            assertTrue(done.get(i) >= done.get(i - 1), "the count never goes back: " + done);
        }
        assertTrue(captured.lines.contains(Phases.class.getName() + " segment: FCN + superpixels + fusion"),
                "the phases are in the log too: " + captured.lines);

        assertTrue(descriptions.size() >= 3, "count, masks, summary: " + descriptions);
        for (String description : descriptions) {
            assertTrue(description != null && description.startsWith("segment: "),
                    "every job says what it is for: " + descriptions);
        }
    }
}
