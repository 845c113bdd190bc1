package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

/**
 * Inputs that are not what their names say, each in a folder of good images: every one gets its
 * one row with an honest status, and none hangs or fails the job.
 */
class UnusualInputsTest extends SparkTestBase {
    @TempDir
    static Path work;
    static Map<String, Row> byId = new HashMap<>();
    static int storedWidth;
    static int storedHeight;

    @BeforeAll
    static void segmentAFolderOfOddities() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path good = Samples.images().get(0);
        Files.copy(good, input.resolve(good.getFileName()));
        byte[] jpeg = Files.readAllBytes(Samples.images().get(1));
        try (MatHandle decoded = MatHandle.of(Imgcodecs.imread(Samples.images().get(1).toString()))) {
            storedWidth = decoded.width();
            storedHeight = decoded.height();
        }
        Process fifo = new ProcessBuilder("mkfifo", input.resolve("pipe.jpg").toString()).inheritIO().start();
        assertEquals(0, fifo.waitFor(), "mkfifo");
        Files.write(input.resolve("colon:x.jpg"), jpeg);
        Files.createSymbolicLink(input.resolve("dangling.jpg"), work.resolve("nowhere/gone.jpg"));
        Files.write(input.resolve("rotated.jpg"), Samples.withExifOrientation(jpeg, 6));
        try (MatHandle black = MatHandle.of(Mat.zeros(9999, 9999, CvType.CV_8UC1));
                MatHandle png = MatHandle.of(new MatOfByte())) {
            Imgcodecs.imencode(".png", black.mat(), (MatOfByte) png.mat());
            Files.write(input.resolve("black.png"), ((MatOfByte) png.mat()).toArray());
        }

        Path output = work.resolve("out");
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs("--input", input.toString(), "--output", output.toString());
        // A FIFO opened for reading blocks until a writer comes: the job must not open it at all.
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> SegmentJob.run(spark, options));
        for (Row r : spark.read().parquet(output.resolve("masks").toString()).collectAsList()) {
            byId.put(r.getAs("image_id"), r);
        }
    }

    @Test
    void everyEntryOfTheFolderHasItsRow() throws Exception {
        assertEquals(6, byId.size(), byId.keySet().toString());
        Row good = byId.get(FileIds.imageId(Samples.images().get(0).toString()));
        assertEquals("ok", good.getAs("status"));
        double u = good.<Double>getAs("uncertainty");
        assertTrue(u > 0 && u < 1, "a fitted score: " + u);
    }

    @Test
    void aFifoAndADanglingLinkAreNotRegularFiles() {
        for (String id : new String[] {"pipe", "dangling"}) {
            Row r = byId.get(id);
            assertEquals("error", r.getAs("status"), id);
            assertEquals("not_regular_file", r.getAs("error"), id);
        }
        assertTrue(byId.get("pipe").<String>getAs("error_detail").contains("a FIFO"));
        assertTrue(byId.get("dangling").<String>getAs("error_detail").contains("dangling symbolic link"));
    }

    @Test
    void aNameWithAColonIsSegmented() {
        Row r = byId.get("colon:x");
        assertNotNull(r);
        assertEquals("ok", r.getAs("status"), r.<String>getAs("error_detail"));
    }

    @Test
    void exifOrientationIsAppliedAndTheRowGivesTheDisplayedSize() throws Exception {
        Row r = byId.get("rotated");
        assertEquals("ok", r.getAs("status"));
        assertEquals(storedHeight, (int) r.<Integer>getAs("width"), "a quarter turn: the stored height is the width");
        assertEquals(storedWidth, (int) r.<Integer>getAs("height"));
        BinaryMask mask = new MaskCodec().decode(r.getAs("mask_png"));
        assertEquals(storedHeight, mask.width());
    }

    @Test
    void anAllBlackImageIsBlankNotALesion() {
        Row r = byId.get("black");
        assertEquals("error", r.getAs("status"));
        assertEquals("blank", r.getAs("error"));
        assertNull(r.getAs("mask_png"));
        assertEquals(1.0, r.<Double>getAs("uncertainty"), "not a dermoscopy image: maximally uncertain");
    }
}
