package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.image.BinaryMask;
import dermaseg.image.MaskCodec;
import dermaseg.io.Sha256;
import dermaseg.testing.Samples;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Transformer on DataFrames a user already has: {@code binaryFile} rows (bytes in a column),
 * a table of paths, ground truth as mask bytes; the same masks as the segment job; every input
 * column kept; bad bytes an error row; saved and loaded inside a Spark ML pipeline.
 */
class LesionSegmentationTest extends SparkTestBase {
    @TempDir
    static Path work;
    static Path images;
    static Dataset<Row> binaryFiles;
    static Map<String, Row> byId = new HashMap<>();

    @BeforeAll
    static void segmentBinaryFiles() throws Exception {
        images = Files.createDirectories(work.resolve("images"));
        for (Path image : Samples.images()) {
            Files.copy(image, images.resolve(image.getFileName()));
        }
        Files.writeString(images.resolve("not-an-image.png"), "plain text, named like an image\n");
        binaryFiles = spark.read().format("binaryFile").load(images.toString());
        for (Row r : new LesionSegmentation().setBatchSize(3).transform(binaryFiles).collectAsList()) {
            byId.put(r.getAs("image_id"), r);
        }
    }

    @Test
    void keepsEveryInputColumnAndAppendsTheSegmentationColumns() throws Exception {
        Dataset<Row> out = new LesionSegmentation().transform(binaryFiles);
        List<String> expected = new ArrayList<>(Arrays.asList(binaryFiles.columns()));
        expected.add("image_id");
        expected.addAll(Arrays.asList(Schemas.SEGMENTATION.fieldNames()));
        assertEquals(expected, Arrays.asList(out.columns()));
        assertEquals(out.schema(), new LesionSegmentation().transformSchema(binaryFiles.schema()),
                "transformSchema promises what transform gives");
        assertEquals(Samples.images().size() + 1, byId.size(), "one output row per input row");
        for (Row r : byId.values()) {
            assertArrayEquals(Files.readAllBytes(Path.of(URI.create(r.getAs("path")))), r.getAs("content"),
                    "the input bytes are passed through untouched");
        }
    }

    @Test
    void eachImageGetsAMaskOfItsSizeAndBadBytesAnErrorRow() throws Exception {
        MaskCodec codec = new MaskCodec();
        for (Path image : Samples.images()) {
            Row r = byId.get(FileIds.imageId(image.toString()));
            assertEquals("ok", r.getAs("status"), r.<String>getAs("error_detail"));
            BinaryMask mask = codec.decode(r.getAs("mask_png"));
            assertEquals((int) r.getAs("width"), mask.width());
            assertEquals((long) r.getAs("lesion_area"), mask.area());
            assertEquals(Sha256.hex(Files.readAllBytes(image)), r.getAs("content_hash"));
            assertEquals(1, (int) r.getAs("model_loads"), "one model load in this JVM, whatever the partitions");
            assertDescribed(r);
            assertNull(r.getAs("diameter_mm"), "no pixel spacing given");
        }
        Row bad = byId.get("not-an-image");
        assertEquals("error", bad.getAs("status"));
        assertEquals("unsupported_format", bad.getAs("error"));
        assertNull(bad.getAs("mask_png"));
        for (String column : DESCRIPTOR_COLUMNS) {
            assertNull(bad.getAs(column), column + " of an error row");
        }
    }

    private static final List<String> DESCRIPTOR_COLUMNS = List.of("asymmetry_score", "asymmetry_axis_degrees",
            "shape_asymmetry_1", "shape_asymmetry_2", "colour_asymmetry_1", "colour_asymmetry_2", "compactness",
            "border_abruptness", "border_score", "colours", "colour_fractions", "colour_score", "diameter_px",
            "diameter_mm", "pixel_spacing_mm", "tds_without_structures");

    /** The ABCD columns of a segmented sample: each in its range, the TDS part made of them. */
    private static void assertDescribed(Row r) {
        int a = r.getAs("asymmetry_score");
        int b = r.getAs("border_score");
        int c = r.getAs("colour_score");
        assertTrue(a >= 0 && a <= 2 && b >= 0 && b <= 8 && c >= 1 && c <= 6, a + " " + b + " " + c);
        assertEquals(8, r.getList(r.fieldIndex("border_abruptness")).size());
        assertEquals(c, r.getList(r.fieldIndex("colours")).size());
        double fractions = r.<Double>getList(r.fieldIndex("colour_fractions")).stream().mapToDouble(d -> d).sum();
        assertEquals(1, fractions, 1e-9);
        double compactness = r.getAs("compactness");
        assertTrue(compactness > 0 && compactness <= 1, "compactness " + compactness);
        int[] box = {r.getAs("bbox_width"), r.getAs("bbox_height")};
        double diameter = r.getAs("diameter_px");
        assertTrue(diameter >= Math.max(box[0], box[1]) * 0.95 && diameter <= Math.hypot(box[0], box[1]) * 1.05,
                "the greatest diameter lies between the box's longer side and its diagonal: " + diameter);
        assertEquals(1.3 * a + 0.1 * b + 0.5 * c, r.<Double>getAs("tds_without_structures"), 1e-12);
        assertTrue(r.<Double>getAs("descriptors_ms") > 0);
    }

    @Test
    void givesTheSameMasksAsTheSegmentJob() throws Exception {
        SegmentOptions options = new SegmentOptions();
        Path output = work.resolve("job");
        new CommandLine(options).parseArgs("--input", images.toString(), "--output", output.toString(),
                "--pixel-spacing-mm", "0.02");
        SegmentJob.run(spark, options);
        List<Row> job = spark.read().parquet(output.resolve("masks").toString()).collectAsList();
        assertEquals(byId.size(), job.size());
        for (Row j : job) {
            Row t = byId.get(j.<String>getAs("image_id"));
            assertEquals(j.<String>getAs("status"), t.getAs("status"));
            assertArrayEquals(j.<byte[]>getAs("mask_png"), t.<byte[]>getAs("mask_png"), j.<String>getAs("image_id"));
            assertEquals(j.<String>getAs("settings_hash"), t.getAs("settings_hash"),
                    "the pixel spacing does not change the mask, so not the settings hash");
            if ("ok".equals(j.getAs("status"))) {
                assertEquals(t.<Double>getAs("diameter_px"), j.<Double>getAs("diameter_px"), 0, "same descriptors");
                assertEquals(t.<Integer>getAs("colour_score"), j.<Integer>getAs("colour_score"));
                assertEquals(0.02, j.<Double>getAs("pixel_spacing_mm"));
                assertEquals(j.<Double>getAs("diameter_px") * 0.02, j.<Double>getAs("diameter_mm"), 1e-12);
            }
        }
    }

    @Test
    void readsPathsOnTheExecutorsAndScoresAgainstMaskBytes() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Path image : Samples.images().subList(0, 3)) {
            rows.add(RowFactory.create("case-" + FileIds.imageId(image.toString()),
                    image.toAbsolutePath().toString(), Files.readAllBytes(Samples.maskOf(image))));
        }
        rows.add(RowFactory.create("gone", work.resolve("no-such.jpg").toString(), null));
        Dataset<Row> cases = spark.createDataFrame(rows, new StructType()
                .add("case_id", "string").add("file", "string").add("truth", "binary"));
        List<Row> out = new LesionSegmentation().setPathCol("file").setIdCol("case_id").setMaskCol("truth")
                .transform(cases.repartition(2)).orderBy("case_id").collectAsList();
        assertEquals(4, out.size());
        for (Row r : out.subList(0, 3)) {
            assertEquals(r.<String>getAs("case_id"), r.getAs("image_id"));
            assertEquals("ok", r.getAs("ground_truth_status"));
            List<Row> metrics = r.getList(r.fieldIndex("metrics"));
            assertEquals(Schemas.METRIC_STAGES, metrics.stream().map(m -> m.<String>getAs("stage")).toList());
            double fused = metrics.get(2).getAs("jaccard");
            assertTrue(fused > 0.5 && fused <= 1, "fused Jaccard " + fused);
        }
        Row gone = out.get(3);
        assertEquals("gone", gone.getAs("case_id"));
        assertEquals("missing", gone.getAs("error"));
        assertNull(gone.getAs("ground_truth_status"), "no mask given");
    }

    @Test
    void refusesInputsItCannotRead() {
        IllegalArgumentException noColumn = assertThrows(IllegalArgumentException.class,
                () -> new LesionSegmentation().setInputCol("bytes").transformSchema(binaryFiles.schema()));
        assertTrue(noColumn.getMessage().contains("inputCol: the input has no column 'bytes'"), noColumn.getMessage());
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> new LesionSegmentation().setPathCol("length").transformSchema(binaryFiles.schema()));
        assertTrue(wrongType.getMessage().contains("is bigint, expected string"), wrongType.getMessage());
        Dataset<Row> clash = binaryFiles.withColumn("mask_png", col("content"));
        IllegalArgumentException collision = assertThrows(IllegalArgumentException.class,
                () -> new LesionSegmentation().transformSchema(clash.schema()));
        assertTrue(collision.getMessage().contains("already has a column 'mask_png'"), collision.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LesionSegmentation().setBatchSize(0));
    }

    @Test
    void isSavedAndLoadedWithItsParamsInsideAPipeline() throws Exception {
        LesionSegmentation stage = new LesionSegmentation().setBatchSize(5).setFusionWeight(0.4).setSuperpixels(120)
                .setFigureMaxSide(64).setPixelSpacingMm(0.03);
        Path saved = work.resolve("saved-stage");
        stage.write().save(saved.toString());
        LesionSegmentation loaded = LesionSegmentation.load(saved.toString());
        assertEquals(stage.uid(), loaded.uid());
        assertEquals(stage.extractParamMap().toString(), loaded.extractParamMap().toString());

        PipelineModel model = new Pipeline().setStages(new PipelineStage[] {stage}).fit(binaryFiles);
        Path pipeline = work.resolve("saved-pipeline");
        model.write().save(pipeline.toString());
        Dataset<Row> out = PipelineModel.load(pipeline.toString()).transform(binaryFiles.limit(1));
        Row r = out.first();
        assertEquals(0.4, r.<Double>getAs("fusion_weight"), 1e-12);
        assertNotNull(r.getAs("figure_png"), "figureMaxSide survived the round trip");
        assertEquals(0.03, r.<Double>getAs("pixel_spacing_mm"), "pixelSpacingMm too");
    }
}
