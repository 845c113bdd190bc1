package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.dataset.DatasetLayout;
import dermaseg.dataset.PairOutcome;
import dermaseg.dataset.PairPreparer;
import dermaseg.dataset.SourceFile;
import dermaseg.dataset.SplitRatios;
import dermaseg.image.ImageLimits;
import dermaseg.io.HadoopConf;
import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * The prepare job's pixel stage on its own, without Spark: one file that cannot be read, or a
 * pair the preparer chokes on, is a reject with a reason, never a failed task (which would fail
 * every scheduled run over the corpus).
 */
class PreparePartitionsTest {
    @TempDir
    Path work;

    // JavaConverters: the one converter both Scala 2.12 and 2.13 have (deprecated in 2.13 only).
    @SuppressWarnings("deprecation")
    private static Row outcome(String id, String image, String mask) {
        PrepareSettings settings = new PrepareSettings(64, SplitRatios.parse("train=0.8,validation=0.1,test=0.1"),
                ImageLimits.defaults(), new HadoopConf(new Configuration()));
        Row pair = RowFactory.create(id, JavaConverters.asScalaBuffer(List.of(image)).toList(),
                JavaConverters.asScalaBuffer(List.of(mask)).toList(), null);
        Iterator<Row> out = new PreparePartitions(settings).call(List.of(pair).iterator());
        Row r = out.next();
        assertTrue(!out.hasNext());
        return new GenericRowWithSchema(JavaConverters.seqAsJavaList(r.toSeq()).toArray(), PrepareSchemas.OUTCOME);
    }

    @Test
    void aFileThatCannotBeReadIsAnUnreadableRejectAndIsRetriedOnceReadable() throws Exception {
        Path image = Samples.images().get(0);
        Path mask = work.resolve("x_segmentation.png");
        String imageUri = image.toAbsolutePath().toUri().toString();
        String maskUri = mask.toUri().toString();

        Row gone = outcome("x", imageUri, maskUri);  // listed, then deleted before it was read
        assertEquals(DatasetLayout.REJECTED, gone.getAs("status"));
        assertEquals("unreadable", gone.getAs("reason"));
        String detail = gone.getAs("detail");
        assertTrue(detail.contains(maskUri) && detail.contains("FileNotFoundException"), detail);
        assertEquals(imageUri, gone.getAs("image_uri"));
        assertEquals(maskUri, gone.getAs("mask_uri"));

        Files.copy(Samples.maskOf(image), mask);
        Row back = outcome("x", imageUri, maskUri);
        assertEquals(DatasetLayout.ACCEPTED, back.getAs("status"));
        assertNotEquals((String) gone.getAs("content_hash"), back.getAs("content_hash"),
                "a readable file must change the hash, so a later run processes the pair again");
    }

    @Test
    void anUnexpectedErrorWhilePreparingIsAPrepareFailedReject() throws Exception {
        Path image = Samples.images().get(0);
        SourceFile i = SourceFile.read("i", Files.readAllBytes(image));
        SourceFile m = SourceFile.read("m", Files.readAllBytes(Samples.maskOf(image)));
        PairPreparer preparer = new PairPreparer(64, ImageLimits.defaults());
        // A null file makes the preparer throw: any RuntimeException must end the same way.
        PairOutcome outcome = PreparePartitions.prepare(preparer, List.of(i), Arrays.asList(m, null));
        PairOutcome.Rejected rejected = (PairOutcome.Rejected) outcome;
        assertEquals("prepare_failed", rejected.reason());
        assertTrue(rejected.detail().startsWith("NullPointerException"), rejected.detail());
        assertEquals("i", rejected.imageUri());
        assertEquals("m", rejected.maskUri());
    }
}
