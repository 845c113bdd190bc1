package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The most uncertain images of a run, minus what is already annotated, read back by DuckDB. */
class SelectForAnnotationJobTest extends SparkTestBase {
    @TempDir
    static Path work;
    static Path segmentOutput;
    static Path training;

    private static Row mask(String id, String status, Double uncertainty) {
        Object[] v = new Object[Schemas.MASKS.size()];
        v[Schemas.MASKS.fieldIndex("image_id")] = id;
        v[Schemas.MASKS.fieldIndex("source")] = "file:/corpus/" + id + ".jpg";
        v[Schemas.MASKS.fieldIndex("lesion_fraction")] = status.equals("ok") ? 0.25 : null;
        v[Schemas.MASKS.fieldIndex("mean_fcn_probability")] = status.equals("ok") ? 0.9 : null;
        v[Schemas.MASKS.fieldIndex("uncertainty")] = uncertainty;
        v[Schemas.MASKS.fieldIndex("model_version")] = "m1";
        v[Schemas.MASKS.fieldIndex("settings_hash")] = "s1";
        v[Schemas.MASKS.fieldIndex("run_id")] = "r1";
        v[Schemas.MASKS.fieldIndex("status")] = status;
        v[Schemas.MASKS.fieldIndex("error")] = status.equals("ok") ? null : "undecodable";
        return RowFactory.create(v);
    }

    @BeforeAll
    static void aRunAndATrainingFolder() throws Exception {
        segmentOutput = work.resolve("run");
        List<Row> rows = new ArrayList<>(List.of(
                mask("a", "ok", 0.9), mask("b", "ok", 0.8), mask("c", "ok", 0.7), mask("d", "ok", 0.2),
                mask("e", "ok", 0.1), mask("g", "ok", 0.8), mask("x,y", "ok", 0.75),
                mask("broken", "error", 1.0), mask("unscored", "ok", null)));
        spark.createDataFrame(rows, Schemas.MASKS).write().parquet(segmentOutput.resolve("masks").toString());
        training = Files.createDirectories(work.resolve("train/images"));
        Files.write(training.resolve("a.jpg"), new byte[] {1});
    }

    private static SelectForAnnotationJob.Selection select(Path output, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--segment-output", segmentOutput.toString(),
                "--output", output.toString()));
        args.addAll(List.of(more));
        SelectForAnnotationOptions options = new SelectForAnnotationOptions();
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        return SelectForAnnotationJob.run(spark, options);
    }

    @Test
    void theMostUncertainSegmentedImagesNotInTrainingComeFirst() throws Exception {
        Path output = work.resolve("picked");
        SelectForAnnotationJob.Selection s = select(output, "--count", "4", "--training", training.getParent().toString());
        assertEquals(7, s.scored(), "ok rows with a score; the error row and the unscored one are left out");
        assertEquals(1, s.inTraining());
        assertEquals(4, s.selected());

        List<String> csv = Files.readAllLines(output.resolve("candidates.csv"));
        assertEquals(String.join(",", SelectForAnnotationJob.COLUMNS), csv.get(0));
        assertTrue(csv.get(1).startsWith("1,b,file:/corpus/b.jpg,0.800000,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("2,g,"), "a tie goes by id: " + csv.get(2));
        assertTrue(csv.get(3).startsWith("3,\"x,y\",\"file:/corpus/x,y.jpg\",0.750000,"), csv.get(3));
        assertTrue(csv.get(4).startsWith("4,c,"), csv.get(4));
        assertEquals(5, csv.size());

        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT image_id, uncertainty FROM read_csv('"
                    + output.resolve("candidates.csv") + "', header = true) ORDER BY rank")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            assertEquals(List.of("b", "g", "x,y", "c"), ids, "the CSV as a labelling tool parses it");
            try (ResultSet rs = st.executeQuery("SELECT string_agg(image_id, ' ' ORDER BY rank) FROM read_parquet('"
                    + output.resolve("candidates") + "/*.parquet')")) {
                rs.next();
                assertEquals("b g x,y c", rs.getString(1));
            }
        }
    }

    @Test
    void withoutTrainingDataTheFirstIsTheMostUncertain() throws Exception {
        Path output = work.resolve("all");
        SelectForAnnotationJob.Selection s = select(output, "--count", "100");
        assertEquals(7, s.selected(), "fewer images than asked for: all of them");
        assertEquals(0.9, s.highest());
        assertEquals(0.1, s.lowest());
    }

    @Test
    void anExistingOutputIsRefusedWithoutOverwrite() throws Exception {
        Path output = Files.createDirectories(work.resolve("taken"));
        assertThrows(IllegalArgumentException.class, () -> select(output));
        assertEquals(1, select(output, "--overwrite", "--count", "1").selected());
    }
}
