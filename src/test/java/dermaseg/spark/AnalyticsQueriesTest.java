package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The queries the README shows, in {@code conf/queries/spark} and {@code conf/queries/duckdb},
 * run as they are on a segment run of the samples, each checked against the same figures
 * computed here in plain Java from the rows, so that the queries stay true as the schema moves.
 * The Spark SQL ones also run over an incremental output of the same corpus (its Delta tables,
 * through {@code views-table.sql}), and must give the same answers.
 */
class AnalyticsQueriesTest extends SparkTestBase {
    static final Path QUERIES = Path.of("conf/queries");

    @TempDir
    static Path work;
    static Path output;
    static Path tables;
    static List<Row> masks;
    static List<Row> metrics;

    @BeforeAll
    static void segmentTheSamples() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        Path truth = Files.createDirectories(work.resolve("masks"));
        List<Path> images = Samples.images();
        for (int i = 0; i < images.size(); i++) {
            Files.copy(images.get(i), input.resolve(images.get(i).getFileName()));
            if (i >= 2) {  // two images without ground truth: a join that must keep them
                Files.copy(Samples.maskOf(images.get(i)), truth.resolve(Samples.maskOf(images.get(i)).getFileName()));
            }
        }
        // More images than the most-uncertain query shows, so that its LIMIT matters.
        for (int i = 0; i < 3; i++) {
            Files.copy(images.get(i), input.resolve("copy-" + i + ".jpg"));
        }
        byte[] jpeg = Files.readAllBytes(images.get(0));
        Files.write(input.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.write(input.resolve("empty.png"), new byte[0]);

        output = work.resolve("out");
        SegmentOptions options = new SegmentOptions();
        new CommandLine(options).parseArgs("--input", input.toString(), "--masks", truth.toString(),
                "--output", output.toString(), "--images-per-partition", "4", "--batch-size", "2");
        SegmentJob.run(spark, options);
        masks = spark.read().parquet(output.resolve("masks").toString()).collectAsList();
        metrics = spark.read().parquet(output.resolve("metrics").toString()).collectAsList();

        tables = work.resolve("tables");
        SegmentOptions incremental = new SegmentOptions();
        new CommandLine(incremental).parseArgs("--input", input.toString(), "--masks", truth.toString(),
                "--output", tables.toString(), "--incremental", "--commit-every", "7", "--batch-size", "2");
        SegmentJob.run(spark, incremental);
    }

    /** The views of {@code conf/queries/spark/<file>} over {@code folder}. */
    private static void views(String file, Path folder) throws Exception {
        spark.sql("SET output=" + folder);
        for (String statement : Files.readString(QUERIES.resolve("spark/" + file)).split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                spark.sql(statement);
            }
        }
    }

    /** The query gives {@code expected} through Spark SQL over the folder and the tables, and DuckDB. */
    private static void check(List<List<Object>> expected, String query) throws Exception {
        views("views.sql", output);
        assertRows(expected, spark(query));
        views("views-table.sql", tables);
        assertRows(expected, spark(query));
        assertRows(expected, duckdb(query));
    }

    @Test
    void meanJaccardByStage() throws Exception {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String stage : List.of("fcn", "superpixel", "fused")) {
            sums.put(stage, new double[4]);
        }
        for (Row r : metrics) {
            double[] s = sums.get(r.<String>getAs("stage"));
            s[0]++;
            s[1] += r.<Double>getAs("jaccard");
            s[2] += r.<Double>getAs("dice");
            s[3] += r.<Double>getAs("thresholded_jaccard");
        }
        List<List<Object>> expected = new ArrayList<>();
        sums.forEach((stage, s) -> expected.add(List.of(stage, (long) s[0], s[1] / s[0], s[2] / s[0], s[3] / s[0])));
        assertEquals(6L, expected.get(0).get(1), "six images with ground truth");
        check(expected, "mean-jaccard-by-stage");
    }

    @Test
    void mostUncertain() throws Exception {
        Map<String, Double> fused = new HashMap<>();
        for (Row r : metrics) {
            if ("fused".equals(r.getAs("stage"))) {
                fused.put(r.getAs("image_id"), r.getAs("jaccard"));
            }
        }
        List<Row> ok = new ArrayList<>(masks.stream().filter(r -> "ok".equals(r.getAs("status"))).toList());
        ok.sort(Comparator.<Row, Double>comparing(r -> r.getAs("uncertainty")).reversed()
                .thenComparing(r -> r.<String>getAs("image_id")));
        assertTrue(ok.size() > 10, "more images than the query shows");
        List<List<Object>> expected = new ArrayList<>();
        for (Row r : ok.subList(0, 10)) {
            expected.add(Arrays.asList(r.getAs("image_id"), r.getAs("uncertainty"), r.getAs("mean_fcn_probability"),
                    r.getAs("lesion_fraction"), fused.get(r.<String>getAs("image_id"))));
        }
        assertTrue(expected.stream().anyMatch(row -> row.get(4) == null), "an image without ground truth among them");
        check(expected, "most-uncertain");
    }

    @Test
    void lesionFractionHistogram() throws Exception {
        Map<Integer, Long> bins = new TreeMap<>();
        for (Row r : masks) {
            if ("ok".equals(r.getAs("status"))) {
                int bin = Math.min(9, (int) Math.floor(r.<Double>getAs("lesion_fraction") * 10));
                bins.merge(bin, 1L, Long::sum);
            }
        }
        List<List<Object>> expected = new ArrayList<>();
        bins.forEach((bin, n) -> expected.add(List.of(bin, bin / 10.0, n)));
        check(expected, "lesion-fraction-histogram");
    }

    @Test
    void outcomes() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (Row r : masks) {
            String error = r.getAs("error");
            counts.merge(error != null ? error : r.getAs("status"), 1L, Long::sum);
        }
        List<List<Object>> expected = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> expected.add(List.of(e.getKey(), e.getValue())));
        assertEquals(List.of(List.of("ok", 11L), List.of("empty", 1L), List.of("truncated", 1L)), expected);
        check(expected, "outcomes");
    }

    private static List<List<Object>> spark(String query) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : spark.sql(Files.readString(QUERIES.resolve("spark/" + query + ".sql"))).collectAsList()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                row.add(r.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<Object>> duckdb(String query) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET VARIABLE output = '" + output + "'");
            try (ResultSet rs = s.executeQuery(Files.readString(QUERIES.resolve("duckdb/" + query + ".sql")))) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * Same rows in the same order; numbers compared as numbers, to 1e-6: sums run in another order,
     * and the table run batches images differently from the folder run, which moves the FCN's
     * floats by ~1e-7 and can tip one quantised level of its map, outside the lesion, enough to
     * move an image's uncertainty by ~3e-7 (its masks stay the same).
     */
    private static void assertRows(List<List<Object>> expected, List<List<Object>> actual) {
        assertEquals(expected.size(), actual.size(), "rows: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            List<Object> e = expected.get(i);
            List<Object> a = actual.get(i);
            assertEquals(e.size(), a.size(), "columns of row " + i + ": " + a);
            for (int j = 0; j < e.size(); j++) {
                Object ev = e.get(j);
                Object av = a.get(j);
                if (ev instanceof Number en && av instanceof Number an) {
                    assertEquals(en.doubleValue(), an.doubleValue(), 1e-6, "row " + i + " column " + j + ": " + a);
                } else {
                    assertEquals(ev, av, "row " + i + " column " + j + ": " + a);
                }
            }
        }
    }
}
