package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.commandline.OneLineFailures;
import dermaseg.io.HadoopConf;
import dermaseg.io.TransientFailures;
import dermaseg.testing.Samples;
import dermaseg.testing.UnreachableFileSystem;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Transformer's three partition functions chained by hand, without Spark: one output per
 * input, failures carried through with their reasons, and between stages only what the next one
 * reads (no pixels after the superpixel stage unless figures are drawn).
 */
class SegmentationStagesTest {
    static ResolvedSettings settings;
    /** Rows of (name, bytes): the input row of a content column, as the binaryFile source gives it. */
    static List<Row> rows = new ArrayList<>();

    @BeforeAll
    static void rows() throws Exception {
        settings = new LesionSegmentation().setBatchSize(2).resolveSettings(new Configuration());
        byte[] jpeg = Files.readAllBytes(Samples.images().get(0));
        rows.add(RowFactory.create("first", Files.readAllBytes(Samples.images().get(1))));
        rows.add(RowFactory.create("truncated", Arrays.copyOf(jpeg, jpeg.length / 2)));
        rows.add(RowFactory.create("second", jpeg));
        rows.add(RowFactory.create("nothing", null));
        rows.add(RowFactory.create("third", Files.readAllBytes(Samples.images().get(2))));
    }

    private static SegmentationTask task(int figureMaxSide) {
        return new SegmentationTask(settings, settings.settingsHash(), new HadoopConf(new Configuration()),
                new SegmentationTask.InputColumns(1, -1, 0, -1, -1, -1, true, "bytes"), figureMaxSide);
    }

    private static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyInputRowComesOutOnceWithItsStatus() throws Exception {
        SegmentationTask task = task(0);
        Iterator<InFlight.Decoded> decoded = new GlobalMaps(task).call(rows.iterator());
        Iterator<InFlight.Refined> refined = new LocalMaps(task).call(decoded);
        List<Row> out = drain(new FusedMasks(task).call(refined));
        assertEquals(rows.size(), out.size());
        Map<String, Row> byName = new HashMap<>();
        for (Row r : out) {
            assertEquals(2 + 1 + Schemas.SEGMENTATION.size(), r.size(), "input, image_id, segmentation columns");
            byName.put(r.getString(0), r);
        }
        int status = 3 + Schemas.SEGMENTATION.fieldIndex("status");
        int error = 3 + Schemas.SEGMENTATION.fieldIndex("error");
        for (String ok : List.of("first", "second", "third")) {
            assertEquals("ok", byName.get(ok).getString(status), ok);
            assertEquals(ok, byName.get(ok).getString(2), "the id column's value is appended as image_id");
        }
        assertEquals("truncated", byName.get("truncated").getString(error));
        assertEquals("missing", byName.get("nothing").getString(error));
        assertSame(rows.get(2).get(1), byName.get("second").get(1), "the input row's values are handed on, not copied");
    }

    @Test
    void fusionGetsTheAnalysisImageAndFailuresTheirReason() throws Exception {
        SegmentationTask task = task(0);
        List<InFlight.Refined> refined = drain(new LocalMaps(task).call(
                new GlobalMaps(task).call(List.of(rows.get(0), rows.get(1)).iterator())));
        InFlight.Refined ok = refined.stream().filter(r -> r.failure() == null).findFirst().orElseThrow();
        InFlight.Refined failed = refined.stream().filter(r -> r.failure() != null).findFirst().orElseThrow();
        assertNotNull(ok.maps().image(), "fusion measures the lesion's colours on it");
        assertEquals(ok.maps().image().width(), ok.maps().global().width());
        assertNull(failed.maps());
        assertEquals("truncated", failed.failure().reason());
        assertTrue(failed.failure().detail().contains("JPEG"), failed.failure().detail());
    }

    @Test
    void aStoreThatIsAwayFailsTheTaskInsteadOfMakingAResult() {
        Configuration conf = new Configuration();
        conf.set("fs." + UnreachableFileSystem.SCHEME + ".impl", UnreachableFileSystem.class.getName());
        SegmentationTask task = new SegmentationTask(settings, settings.settingsHash(), new HadoopConf(conf),
                new SegmentationTask.InputColumns(-1, 1, 0, -1, -1, -1, true, null), 0);
        Row row = RowFactory.create("away", UnreachableFileSystem.SCHEME + ":///corpus/x.jpg");
        TransientFailures.StoreUnavailableException e = assertThrows(TransientFailures.StoreUnavailableException.class,
                () -> new GlobalMaps(task).call(List.of(row).iterator()).hasNext());
        assertTrue(e.getMessage().contains("the store did not answer (ConnectException: Connection refused)"),
                e.getMessage());
        assertTrue(OneLineFailures.reason(new RuntimeException("Job aborted", e)).startsWith("reading unreachable:"),
                "the job's one-line reason names the file and the store");
    }
}
