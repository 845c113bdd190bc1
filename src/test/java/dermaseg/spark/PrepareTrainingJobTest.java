package dermaseg.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.cli.DermasegCli;
import dermaseg.dataset.ContentHash;
import dermaseg.dataset.DatasetLayout;
import dermaseg.dataset.DatasetSnapshot;
import dermaseg.dataset.ShardPairSource;
import dermaseg.dataset.SourceFile;
import dermaseg.dataset.SplitRatios;
import dermaseg.dataset.TrainingPair;
import dermaseg.fcn.ModelCard;
import dermaseg.image.ImageDecoder;
import dermaseg.image.MaskCodec;
import dermaseg.image.MatHandle;
import dermaseg.testing.DeltaFiles;
import dermaseg.testing.Samples;
import dermaseg.testing.TestPairs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The prepare-training job over a corpus that changes between four runs, in local mode: the
 * bundled samples plus one bad pair per reason code (run 1), the same corpus again (run 2), three
 * new pairs made by flipping and rotating samples (run 3), then a corrected mask, a deleted pair
 * and a repaired bad pair (run 4). Each run that changes anything is one version of the pairs
 * table, so every test inspects the version (or the rows) of the run it is about. Then the trainer
 * reads the result.
 */
class PrepareTrainingJobTest extends SparkTestBase {
    static final String SPLIT = "train=0.6,validation=0.2,test=0.2";
    /** Bad pair id → the reason it must be refused for. */
    static final Map<String, String> BAD = Map.of(
            "bad_missing_mask", "missing_mask",
            "bad_missing_image", "missing_image",
            "bad_truncated", "truncated",
            "bad_empty", "empty",
            "bad_size_mismatch", "size_mismatch",
            "bad_not_binary", "mask_not_binary",
            "bad_empty_mask", "empty_mask",
            "bad_duplicate", "duplicate_id");
    static final String ROTATED = "rot90_ISIC_0012210";
    static final Set<String> NEW_IDS = Set.of("flip_h_ISIC_0001769", "flip_v_ISIC_0003657", ROTATED);
    /** Run 4: this pair's mask is corrected, this pair is deleted, this bad pair gets a real mask. */
    static final String CHANGED = "ISIC_0003582";
    static final String REMOVED = "ISIC_0015211";
    static final String FIXED = "bad_empty_mask";

    @TempDir
    static Path work;
    static Path images;
    static Path masks;
    static Path output;
    static DatasetLayout layout;
    static PrepareSummary first;
    static PrepareSummary second;
    static PrepareSummary grown;
    static PrepareSummary changed;

    @BeforeAll
    static void prepareFourTimes() throws Exception {
        images = Files.createDirectories(work.resolve("corpus/images/copies"));
        images = images.getParent();
        masks = Files.createDirectories(work.resolve("corpus/masks"));
        output = work.resolve("dataset");
        layout = new DatasetLayout(output.toString());
        for (Path image : Samples.images()) {
            Files.copy(image, images.resolve(image.getFileName()));
            Files.copy(Samples.maskOf(image), masks.resolve(Samples.maskOf(image).getFileName()));
        }
        byte[] jpeg = Files.readAllBytes(Samples.images().get(0));
        byte[] mask = Files.readAllBytes(Samples.maskOf(Samples.images().get(0)));
        int[] size = TestPairs.size(jpeg);
        Files.copy(Samples.images().get(0), images.resolve("copies").resolve(Samples.images().get(0).getFileName()));
        Files.writeString(masks.resolve("README.txt"), "not a mask: no pattern names it\n");
        Files.write(images.resolve("bad_missing_mask.jpg"), jpeg);
        Files.write(masks.resolve("bad_missing_image_segmentation.png"), mask);
        pair("bad_truncated", Arrays.copyOf(jpeg, jpeg.length / 2), mask);
        pair("bad_empty", new byte[0], mask);
        pair("bad_size_mismatch", jpeg, TestPairs.resizedMask(mask, size[0] - 10, size[1]));
        pair("bad_not_binary", jpeg, TestPairs.withGreyCorner(mask, 3));
        pair("bad_empty_mask", jpeg, TestPairs.blankMask(size[0], size[1]));
        pair("bad_duplicate", jpeg, mask);
        Files.write(images.resolve("copies/bad_duplicate.png"), TestPairs.flipped(jpeg, 1));

        first = prepare("64", SPLIT);
        second = prepare("64", SPLIT);

        grow("flip_h_ISIC_0001769", "ISIC_0001769", b -> TestPairs.flipped(b, 1));
        grow("flip_v_ISIC_0003657", "ISIC_0003657", b -> TestPairs.flipped(b, 0));
        grow(ROTATED, "ISIC_0012210", TestPairs::rotated90);
        // First match wins: this pair's mask is <id>_segmentation.png, and a different <id>.png
        // beside it (named by the second pattern) is no rival, so no duplicate_id.
        Path rotatedMask = masks.resolve(ROTATED + ".png");
        Files.move(rotatedMask, masks.resolve(ROTATED + "_segmentation.png"));
        Files.write(rotatedMask, TestPairs.flipped(Files.readAllBytes(masks.resolve(ROTATED + "_segmentation.png")), 0));
        grown = prepare("64", SPLIT);

        Path corrected = masks.resolve(CHANGED + "_segmentation.png");
        Files.write(corrected, TestPairs.flipped(Files.readAllBytes(corrected), 1));
        Files.delete(images.resolve(REMOVED + ".jpg"));
        Files.delete(masks.resolve(REMOVED + "_segmentation.png"));
        Files.write(masks.resolve(FIXED + "_segmentation.png"), mask);
        changed = prepare("64", SPLIT);
    }

    private static void pair(String id, byte[] image, byte[] mask) throws Exception {
        Files.write(images.resolve(id + ".jpg"), image);
        Files.write(masks.resolve(id + "_segmentation.png"), mask);
    }

    /** A new pair made from a sample; its mask is named {@code <id>.png}, the second default pattern. */
    private static void grow(String id, String from, UnaryOperator<byte[]> op) throws Exception {
        Files.write(images.resolve(id + ".png"), op.apply(Files.readAllBytes(Samples.IMAGES.resolve(from + ".jpg"))));
        Files.write(masks.resolve(id + ".png"),
                op.apply(Files.readAllBytes(Samples.MASKS.resolve(from + "_segmentation.png"))));
    }

    private static PrepareSummary prepare(String longerSide, String split) throws Exception {
        PrepareTrainingOptions options = new PrepareTrainingOptions();
        new CommandLine(options).parseArgs("--images", images.toString(), "--masks", masks.toString(),
                "--output", output.toString(), "--longer-side", longerSide, "--split", split,
                "--images-per-partition", "4", "--commit-every", "10");
        return PrepareTrainingJob.run(spark, options);
    }

    /** The pairs table: its latest version, or {@code version}. */
    private static Dataset<Row> table(Long version) {
        var reader = spark.read().format("delta");
        if (version != null) {
            reader = reader.option("versionAsOf", version);
        }
        return reader.load(layout.pairsTable());
    }

    private static Dataset<Row> writtenBy(String runId, String status) {
        return table(null).where(col("run_id").equalTo(runId).and(col("status").equalTo(status)));
    }

    private static Map<String, Row> byId(Dataset<Row> rows) {
        Map<String, Row> m = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            m.put(r.getAs("id"), r);
        }
        return m;
    }

    private static Map<String, Long> changes(long added, long updated, long unchanged, long removed) {
        return Map.of("added", added, "updated", updated, "unchanged", unchanged, "removed", removed);
    }

    @Test
    void firstRunAcceptsTheSamplesAndRejectsEachBadPairWithItsReason() throws Exception {
        assertEquals(16, first.pairsSeen);
        assertEquals(changes(16, 0, 0, 0), first.changes);
        assertEquals(Map.of("train", 4L, "validation", 4L, "test", 0L), first.accepted);
        assertEquals(BAD.values().stream().collect(Collectors.groupingBy(r -> r, Collectors.counting())),
                first.rejected);
        assertEquals(8, first.shardRowsWritten);
        assertEquals(8, first.rejectRowsWritten);
        assertEquals(1, first.identicalCopiesMerged, "copies/ISIC_0001769.jpg");
        assertEquals(1, first.unmatchedMaskFiles, "README.txt");

        Map<String, Row> rejects = byId(table(first.tableVersion).where(col("status").equalTo(DatasetLayout.REJECTED)));
        Map<String, String> reasons = new HashMap<>();
        rejects.forEach((id, r) -> reasons.put(id, r.getAs("reason")));
        assertEquals(BAD, reasons);
        rejects.forEach((id, r) -> {
            assertNotNull(r.getAs("detail"), id);
            assertEquals(id.equals("bad_missing_image"), r.getAs("image_uri") == null, id);
            assertEquals(id.equals("bad_missing_mask"), r.getAs("mask_uri") == null, id);
        });
        assertTrue(((String) rejects.get("bad_duplicate").getAs("detail")).contains("copies/bad_duplicate.png"));

        PrepareSummary onDisk = PrepareSummary.fromJson(Files.readString(Path.of(layout.summaryOf(first.runId))));
        assertEquals(first.accepted, onDisk.accepted);
        assertEquals(first.rejected, onDisk.rejected);
    }

    @Test
    void storedPairsAreShrunkMeasuredHashedAndSplitByTheirId() throws Exception {
        SplitRatios ratios = SplitRatios.parse(SPLIT);
        Map<String, Row> rows = byId(table(first.tableVersion).where(col("status").equalTo(DatasetLayout.ACCEPTED)));
        assertEquals(Samples.images().stream().map(p -> p.getFileName().toString().replace(".jpg", ""))
                .collect(Collectors.toSet()), rows.keySet());
        for (Row r : rows.values()) {
            String id = r.getAs("id");
            int width = r.getAs("width");
            int height = r.getAs("height");
            assertEquals(64, Math.max(width, height), id);
            try (MatHandle image = new ImageDecoder().decode(r.getAs("image"))) {
                assertEquals(width, image.width(), id);
                assertEquals(height, image.height(), id);
            }
            MaskCodec.Decoded mask = new MaskCodec().decodeChecked(r.getAs("mask"));
            assertTrue(mask.strictlyBinary(), id);
            assertEquals(width, mask.mask().width(), id);
            assertEquals((long) r.getAs("lesion_area"), mask.mask().area(), id);
            assertEquals(mask.mask().area() / (double) (width * height), (double) r.getAs("lesion_fraction"), 1e-12);
            double cx = r.getAs("centroid_x");
            double cy = r.getAs("centroid_y");
            assertTrue(cx >= 0 && cx < width && cy >= 0 && cy < height, id + " centroid " + cx + ", " + cy);

            // From the bundled originals: run 4 edits one of the corpus's masks.
            byte[] source = Files.readAllBytes(Samples.IMAGES.resolve(id + ".jpg"));
            byte[] truth = Files.readAllBytes(Samples.MASKS.resolve(id + "_segmentation.png"));
            int[] original = TestPairs.size(source);
            assertEquals(original[0], (int) r.getAs("original_width"), id);
            assertEquals(original[1], (int) r.getAs("original_height"), id);
            assertEquals(ContentHash.of(List.of(SourceFile.read("i", source)), List.of(SourceFile.read("m", truth))),
                    r.getAs("content_hash"), id);
            assertEquals(ratios.assign(id), r.getAs("split"), id);
            assertTrue(((String) r.getAs("image_uri")).endsWith("/images/" + id + ".jpg"), (String) r.getAs("image_uri"));
        }
    }

    @Test
    void aSecondRunOverTheSameCorpusWritesNothing() {
        assertEquals(changes(0, 0, 16, 0), second.changes);
        assertEquals(0, second.shardRowsWritten);
        assertEquals(0, second.rejectRowsWritten);
        assertEquals(first.tableVersion, second.previousVersion);
        assertEquals(first.tableVersion, second.tableVersion, "no commit");
        assertEquals(first.accepted, second.accepted);
        assertEquals(first.rejected, second.rejected);
        assertEquals(0, table(null).where(col("run_id").equalTo(second.runId)).count());
    }

    @Test
    void aGrownCorpusAddsExactlyTheNewPairs() {
        assertEquals(changes(3, 0, 16, 0), grown.changes);
        assertEquals(3, grown.shardRowsWritten);
        assertEquals(0, grown.rejectRowsWritten);
        assertTrue(grown.tableVersion > second.tableVersion, "committed");
        Map<String, Row> rows = byId(writtenBy(grown.runId, DatasetLayout.ACCEPTED));
        assertEquals(NEW_IDS, rows.keySet());
        Row rotated = rows.get(ROTATED);
        assertEquals(64, (int) rotated.getAs("height"), "a quarter turn makes the image portrait");
        assertTrue(((String) rotated.getAs("mask_uri")).endsWith("/" + ROTATED + "_segmentation.png"),
                (String) rotated.getAs("mask_uri"));
        assertEquals(0, grown.identicalCopiesMerged);
        assertTrue((int) rotated.getAs("width") < 64);
        assertEquals(11, grown.accepted.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aChangedPairIsProcessedAgainAndKeepsItsSplit() {
        assertEquals(changes(0, 2, 16, 1), changed.changes, "corrected mask and repaired pair; one pair deleted");
        assertEquals(18, changed.pairsSeen);
        assertEquals(2, changed.shardRowsWritten);
        assertEquals(Set.of(CHANGED, FIXED), byId(writtenBy(changed.runId, DatasetLayout.ACCEPTED)).keySet());

        Map<String, Row> before = byId(table(first.tableVersion));
        Map<String, Row> after = byId(table(changed.tableVersion));
        assertEquals(changed.runId, after.get(CHANGED).getAs("run_id"));
        assertEquals((String) before.get(CHANGED).getAs("split"), after.get(CHANGED).getAs("split"));
        assertNotEquals((String) before.get(CHANGED).getAs("content_hash"), after.get(CHANGED).getAs("content_hash"));
        assertEquals(DatasetLayout.REJECTED, before.get(FIXED).getAs("status"));
        assertEquals(DatasetLayout.ACCEPTED, after.get(FIXED).getAs("status"));
        assertNull(after.get(FIXED).getAs("reason"));
        assertTrue(before.containsKey(REMOVED));
        assertFalse(after.containsKey(REMOVED), "a deleted pair leaves the dataset");
        assertEquals(first.runId, after.get("ISIC_0003657").getAs("run_id"), "unchanged rows keep their run");
        assertEquals(after.size(), changed.pairsSeen);
        assertEquals(11, changed.accepted.values().stream().mapToLong(Long::longValue).sum());
        assertNull(changed.rejected.get("empty_mask"));
    }

    @Test
    void readersTakeExactlyOneCurrentRowPerPair() throws Exception {
        Dataset<Row> current = table(null);
        assertEquals(changed.pairsSeen, current.count(), "one row per pair of the corpus");
        assertEquals(changed.pairsSeen, current.select("id").distinct().count());
        assertEquals(11, current.where(col("status").equalTo(DatasetLayout.ACCEPTED)).count());

        // An independent reader: Delta Kernel names the live files, DuckDB reads them (the split
        // comes back from the folder name, as Spark and Delta give it).
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE status = "
                        + "'accepted'), count(DISTINCT split) FROM read_parquet("
                        + DeltaFiles.duckDbList(output.resolve(DatasetLayout.PAIRS)) + ", hive_partitioning = true)")) {
            rs.next();
            assertEquals(changed.pairsSeen, rs.getLong(1));
            assertEquals(changed.pairsSeen, rs.getLong(2));
            assertEquals(11, rs.getLong(3));
            assertTrue(rs.getLong(4) >= 2, "splits read back from the partition folders");
        }
    }

    @Test
    void theDatasetKeepsItsSizeAndSplit() throws Exception {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> prepare("128", SPLIT));
        assertTrue(size.getMessage().contains("longer side 64"), size.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> prepare("64", "train=0.8,validation=0.1,test=0.1"));
        assertTrue(split.getMessage().contains("move pairs between splits"), split.getMessage());
        assertEquals(changed.tableVersion, DeltaCommits.version(spark, layout.pairsTable()), "refused runs commit nothing");
    }

    @Test
    void theTrainerStreamsTheCurrentRowsAndItsCardNamesTheShards() throws Exception {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        DatasetSnapshot latest = DatasetSnapshot.read(output.toString(), null, conf);
        assertEquals((long) changed.tableVersion, latest.version());
        ShardPairSource train = ShardPairSource.of(latest, SplitRatios.TRAIN, conf, 3);
        assertEquals(changed.accepted.get(SplitRatios.TRAIN).intValue(), train.ids().size());
        List<String> shuffled = ids(train.iterator(1L));
        assertEquals(train.ids(), shuffled.stream().sorted().toList(), "every pair exactly once");
        assertEquals(shuffled, ids(train.iterator(1L)), "same seed, same order");
        assertNotEquals(shuffled, ids(train.iterator(2L)));
        assertEquals(ids(train.iterator(null)), ids(train.iterator(null)));

        // The corrected mask comes from run 4; the first version still gives the original one.
        byte[] corrected = find(train, CHANGED).mask();
        ShardPairSource old = ShardPairSource.of(DatasetSnapshot.read(output.toString(), first.tableVersion, conf),
                SplitRatios.TRAIN, conf, 3);
        assertFalse(Arrays.equals(corrected, find(old, CHANGED).mask()));
        assertFalse(old.ids().contains(FIXED));

        Path model = work.resolve("model");
        int exit = new CommandLine(DermasegCli.class).execute("train", "--shards", output.toString(),
                "--output", model.toString(), "--epochs", "1", "--working-size", "32", "--base-channels", "4",
                "--batch-size", "2", "--limit", "3");
        assertEquals(0, exit);
        ModelCard card = ModelCard.read(model.resolve(ModelCard.FILE_NAME));
        assertEquals(latest.uri(), card.training.manifest);
        assertEquals(3, card.training.trainPairs);
        assertEquals(3, card.training.validationPairs);
        assertEquals(1, card.training.epochsRun);
        assertFalse(card.training.shards.isEmpty());
        assertTrue(card.training.manifest.endsWith("/pairs@v" + changed.tableVersion), card.training.manifest);
        for (String shard : card.training.shards) {
            Path file = Path.of(URI.create(shard));
            assertTrue(file.startsWith(output.resolve("pairs")), shard);
            assertTrue(Files.isRegularFile(file), shard);
        }
    }

    private static List<String> ids(Iterator<TrainingPair> pairs) {
        List<String> ids = new ArrayList<>();
        pairs.forEachRemaining(p -> ids.add(p.id()));
        return ids;
    }

    private static TrainingPair find(ShardPairSource source, String id) {
        Iterator<TrainingPair> it = source.iterator(null);
        while (it.hasNext()) {
            TrainingPair p = it.next();
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new AssertionError(id + " not found");
    }
}
