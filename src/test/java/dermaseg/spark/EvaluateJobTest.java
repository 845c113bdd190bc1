package dermaseg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dermaseg.fcn.ModelCard;
import dermaseg.fcn.ModelLocation;
import dermaseg.image.BinaryMask;
import dermaseg.image.MaskCodec;
import dermaseg.testing.Samples;
import dermaseg.uncertainty.UncertaintyRanking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * The evaluate job end to end on a segment run of the bundled samples in which only some images
 * had ground truth: metrics are reused where the segment run scored an image against the same
 * file and computed by a re-run otherwise; the report's page is checked as XML (polyglot HTML)
 * against its own Parquet, read independently with DuckDB.
 */
class EvaluateJobTest extends SparkTestBase {
    /**
     * Ids with characters that mean something in HTML, to prove that the page prints them as text.
     * An image file's id can hold any of them, {@code <} included: Spark lists files as URIs, in
     * which {@code <} is percent-encoded, but {@link FileIds} decodes the escapes. The file id here
     * keeps to {@code &} and {@code '}; the named (missing) id carries {@code <} and markup.
     */
    static final String MARKUP_ID = "tom&jerry's";
    static final String MISSING_ID = "not-there<script>alert(1)</script>&amp;";
    static final int GALLERY = 2;

    @TempDir
    static Path work;
    static Path masks;
    static Path segmentOutput;
    static Path report;
    static EvaluationSummary summary;
    static Document page;
    static XPath xpath = XPathFactory.newInstance().newXPath();

    @BeforeAll
    static void segmentThenEvaluate() throws Exception {
        Path input = Files.createDirectories(work.resolve("in"));
        masks = Files.createDirectories(work.resolve("masks"));
        List<Path> images = Samples.images();
        for (Path image : images) {
            Files.copy(image, input.resolve(image.getFileName()));
        }
        // Ground truth for five images only when segmenting: their metrics are reused.
        for (Path image : images.subList(0, 5)) {
            Files.copy(Samples.maskOf(image), masks.resolve(Samples.maskOf(image).getFileName()));
        }
        byte[] jpeg = Files.readAllBytes(images.get(0));
        Files.write(input.resolve(MARKUP_ID + ".jpg"), jpeg);
        Files.write(input.resolve("mismatch.jpg"), jpeg);
        Files.write(input.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));

        segmentOutput = work.resolve("segment");
        SegmentOptions segment = new SegmentOptions();
        new CommandLine(segment).parseArgs("--input", input.toString(), "--masks", masks.toString(),
                "--output", segmentOutput.toString(), "--images-per-partition", "4", "--batch-size", "2");
        SegmentJob.run(spark, segment);

        // Then the rest arrives: three more masks (scored by a re-run) and one of the wrong size.
        for (Path image : images.subList(5, 8)) {
            Files.copy(Samples.maskOf(image), masks.resolve(Samples.maskOf(image).getFileName()));
        }
        Files.write(masks.resolve("mismatch_segmentation.png"), MaskCodec.encodePng(BinaryMask.empty(40, 30)));

        report = work.resolve("report");
        summary = EvaluateJob.run(spark, evaluateOptions(report, "--ids", MARKUP_ID + ",truncated",
                "--ids", MISSING_ID));
        page = parse(report.resolve("index.html"));
    }

    static EvaluateOptions evaluateOptions(Path reportFolder, String... more) {
        List<String> args = new ArrayList<>(List.of("--segment-output", segmentOutput.toString(),
                "--masks", masks.toString(), "--report", reportFolder.toString()));
        args.addAll(List.of(more));
        if (!args.contains("--gallery")) {
            args.addAll(List.of("--gallery", "" + GALLERY));
        }
        EvaluateOptions o = new EvaluateOptions();
        new CommandLine(o).parseArgs(args.toArray(new String[0]));
        return o;
    }

    static String glob(String table) {
        return report.resolve("data").resolve(table).resolve("*.parquet").toString();
    }

    @Test
    void metricsAreReusedWhereTheSegmentRunScoredTheSameFileAndRecomputedElsewhere() throws Exception {
        List<Row> rows = spark.read().parquet(report.resolve("data/metrics").toString()).collectAsList();
        assertEquals(8 * 3, rows.size(), "fcn, superpixel and fused for each of the eight scored images");
        Map<String, Long> perOrigin = new HashMap<>();
        for (Row r : rows) {
            perOrigin.merge(r.getAs("origin"), 1L, Long::sum);
        }
        assertEquals(Map.of("segment", 5L * 3, "rerun", 3L * 3), perOrigin);

        // The reused rows are the segment run's own, value for value.
        Map<String, Double> segmentJaccard = new HashMap<>();
        for (Row r : spark.read().parquet(segmentOutput.resolve("metrics").toString()).collectAsList()) {
            segmentJaccard.put(r.getAs("image_id") + "/" + r.getAs("stage"), r.getAs("jaccard"));
        }
        for (Row r : rows) {
            if ("segment".equals(r.getAs("origin"))) {
                assertEquals(segmentJaccard.get(r.getAs("image_id") + "/" + r.getAs("stage")),
                        (Double) r.getAs("jaccard"));
            }
        }
        assertEquals(4, summary.rerunImages, "three newly scorable images and the one with a wrong-size mask");
        // The re-runs reproduce the stored fused masks: the same model and settings.
        for (Row r : spark.read().parquet(report.resolve("data/images").toString())
                .where("metrics_origin = 'rerun'").collectAsList()) {
            assertTrue((double) r.getAs("rerun_mask_jaccard") >= EvaluationTally.REPRODUCED, r.toString());
        }
        assertTrue(summary.notes.isEmpty(), summary.notes.toString());
    }

    @Test
    void everyImageHasAnOutcomeAndAReason() {
        Map<String, Row> byId = new HashMap<>();
        for (Row r : spark.read().parquet(report.resolve("data/images").toString()).collectAsList()) {
            byId.put(r.getAs("image_id"), r);
        }
        assertEquals(11, byId.size());
        assertEquals("segment_error", byId.get("truncated").getAs("outcome"));
        assertEquals("truncated", byId.get("truncated").getAs("reason"));
        assertEquals("no_ground_truth", byId.get(MARKUP_ID).getAs("outcome"));
        assertEquals("ground_truth_error", byId.get("mismatch").getAs("outcome"));
        assertEquals("size_mismatch", byId.get("mismatch").getAs("reason"));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("scored", 8L);
        expected.put("ground_truth_error", 1L);
        expected.put("no_ground_truth", 1L);
        expected.put("segment_error", 1L);
        assertEquals(expected, summary.outcomes);
        assertEquals(11, summary.images);
    }

    @Test
    void theAblationTableShowsThePerStageMeansOfTheMetricsParquet() throws Exception {
        Map<String, double[]> means = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT stage, count(*), avg(jaccard), avg(dice), avg(sensitivity), "
                        + "avg(specificity), avg(accuracy), avg(thresholded_jaccard) FROM read_parquet('"
                        + glob("metrics") + "') GROUP BY stage")) {
            while (rs.next()) {
                double[] v = new double[7];
                for (int i = 0; i < 7; i++) {
                    v[i] = rs.getDouble(i + 2);
                }
                means.put(rs.getString(1), v);
            }
        }
        NodeList rows = (NodeList) xpath.evaluate("//table[@id='ablation']/tbody/tr", page, XPathConstants.NODESET);
        List<String> stages = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            String stage = row.getAttribute("data-stage");
            stages.add(stage);
            NodeList cells = row.getElementsByTagName("td");
            assertEquals(7, cells.getLength());
            for (int j = 0; j < 7; j++) {
                Element cell = (Element) cells.item(j);
                double expected = means.get(stage)[j];
                assertEquals(expected, Double.parseDouble(cell.getAttribute("data-value")), 1e-12, stage + " " + j);
                String shown = j == 0 ? Long.toString((long) expected) : String.format(Locale.ROOT, "%.4f", expected);
                assertEquals(shown, cell.getTextContent(), stage + " " + j);
            }
        }
        assertEquals(List.of("fcn", "superpixel", "fused"), stages);
        assertEquals(means.get("fused")[1], summary.meanMetrics.get("fused").get("jaccard"), 1e-12);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT avg(boundary_f), sum(tp_pixels) / sum(tp_pixels + fp_pixels "
                        + "+ fn_pixels) FROM read_parquet('" + glob("metrics") + "') WHERE stage = 'fused'")) {
            rs.next();
            assertEquals(rs.getDouble(1), summary.meanMetrics.get("fused").get("boundary_f"), 1e-12);
            assertEquals(rs.getDouble(2), summary.pooledMetrics.get("fused").get("jaccard"), 1e-12);
        }
    }

    @Test
    void everyImageAndLinkIsAFileInsideTheReport() throws Exception {
        NodeList refs = (NodeList) xpath.evaluate("//img/@src | //a/@href", page, XPathConstants.NODESET);
        assertTrue(refs.getLength() >= 3 + 2 * GALLERY, "plots, figures and links");
        Path root = report.toRealPath();
        for (int i = 0; i < refs.getLength(); i++) {
            String ref = refs.item(i).getNodeValue();
            assertFalse(ref.contains(":") || ref.startsWith("/") || ref.startsWith("//"), "not relative: " + ref);
            Path target = root.resolve(ref).normalize();
            assertTrue(target.startsWith(root), "outside the report: " + ref);
            assertTrue(Files.isRegularFile(target), "missing: " + ref);
        }
        for (String plot : List.of("plots/jaccard-box.png", "plots/jaccard-histogram.png", "plots/fused-minus-fcn.png",
                "plots/boundary-f-box.png", "plots/descriptor-asymmetry.png", "plots/descriptor-compactness.png",
                "plots/descriptor-border-abruptness.png", "plots/descriptor-colours.png",
                "plots/descriptor-diameter.png")) {
            assertEquals(1.0, xpath.evaluate("count(//img[@src='" + plot + "'])", page, XPathConstants.NUMBER), plot);
            byte[] png = Files.readAllBytes(report.resolve(plot));
            assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII), plot);
        }
        try (var files = Files.list(report.resolve("gallery"))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no hidden files");
        }
        String html = Files.readString(report.resolve("index.html"));
        assertFalse(html.contains("<link") || html.contains("url("), "nothing fetched from elsewhere");
        assertEquals(0.0, xpath.evaluate("count(//script[@src])", page, XPathConstants.NUMBER), "the script inline");
    }

    @Test
    void theGalleryShowsTheWorstAndBestByFusedJaccardAndTheNamedIds() throws Exception {
        List<String> worst = new ArrayList<>();
        List<String> best = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            String fused = "SELECT image_id FROM read_parquet('" + glob("metrics") + "') WHERE stage = 'fused' ORDER BY ";
            try (ResultSet rs = s.executeQuery(fused + "jaccard, image_id LIMIT " + GALLERY)) {
                while (rs.next()) {
                    worst.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery(fused + "jaccard DESC, image_id LIMIT " + GALLERY)) {
                while (rs.next()) {
                    best.add(rs.getString(1));
                }
            }
        }
        assertEquals(worst, section("worst"));
        assertEquals(best, section("best"));
        assertEquals(List.of(MARKUP_ID, "truncated", MISSING_ID), section("named"));
        for (String id : worst) {
            Element c = caseOf("worst", id);
            assertEquals(1, c.getElementsByTagName("img").getLength(), id);
            assertEquals(3, c.getElementsByTagName("tr").getLength() - 1, id + ": a score row per stage");
        }
        // Segmented but without ground truth: a figure, no scores.
        Element markup = caseOf("named", MARKUP_ID);
        assertEquals(1, markup.getElementsByTagName("img").getLength());
        assertEquals(0, markup.getElementsByTagName("table").getLength());
        assertTrue(markup.getTextContent().contains("no ground truth"));
        Element truncated = caseOf("named", "truncated");
        assertEquals(0, truncated.getElementsByTagName("img").getLength());
        assertTrue(truncated.getTextContent().contains("truncated"));
        assertTrue(caseOf("named", MISSING_ID).getTextContent().contains("not in the segment output"));
    }

    @Test
    void idsWithMarkupArePrintedAsText() throws Exception {
        String html = Files.readString(report.resolve("index.html"));
        assertFalse(html.contains("<script>alert"), "raw markup from an id");
        assertTrue(html.contains("tom&amp;jerry&#39;s"));
        assertTrue(html.contains("not-there&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;"));
        Element markup = caseOf("named", MARKUP_ID);
        assertEquals(MARKUP_ID, xpath.evaluate(".//div[@class='id']", markup));
        assertEquals(MISSING_ID, xpath.evaluate(".//div[@class='id']", caseOf("named", MISSING_ID)));
        String figure = xpath.evaluate(".//img/@src", markup);
        assertTrue(figure.matches("gallery/[A-Za-z0-9._-]+\\.png"), figure);
    }

    @Test
    void aModelOfAnotherVersionIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path model = Files.createDirectories(work.resolve("other-model"));
        ModelCard card = ModelLocation.bundled().readCard();
        String version = card.version;
        card.version = "some-other-model";
        card.write(model.resolve(ModelCard.FILE_NAME));
        Path elsewhere = work.resolve("refused-report");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvaluateJob.run(spark, evaluateOptions(elsewhere, "--model", model.toString())));
        assertTrue(e.getMessage().contains(version) && e.getMessage().contains("some-other-model"), e.getMessage());
        assertFalse(Files.exists(elsewhere.resolve("index.html")));
        assertFalse(Files.exists(elsewhere.resolve("data")));
    }

    @Test
    void imagesMovedElsewhereAreFoundByIdAndAMissingOneBecomesARowWithAReason() throws Exception {
        List<Path> images = Samples.images();
        Path moved = Files.createDirectories(work.resolve("moved/deeper"));
        for (Path image : images.subList(5, 7)) {  // two of the three images that need a re-run
            Files.copy(image, moved.resolve(image.getFileName()));
        }
        Path elsewhere = work.resolve("moved-report");
        EvaluationSummary s = EvaluateJob.run(spark, evaluateOptions(elsewhere, "--images",
                work.resolve("moved").toString(), "--gallery", "0"));
        Map<String, Row> byId = new HashMap<>();
        for (Row r : spark.read().parquet(elsewhere.resolve("data/images").toString()).collectAsList()) {
            byId.put(r.getAs("image_id"), r);
        }
        for (Path image : images.subList(5, 7)) {
            Row r = byId.get(FileIds.imageId(image.toString()));
            assertEquals("scored", r.getAs("outcome"));
            assertEquals("rerun", r.getAs("metrics_origin"));
            assertTrue(r.<String>getAs("source").contains("/moved/deeper/"), r.<String>getAs("source"));
        }
        Row gone = byId.get(FileIds.imageId(images.get(7).toString()));
        assertEquals("rerun_error", gone.getAs("outcome"));
        assertEquals("missing", gone.getAs("reason"));
        assertEquals(7L, s.outcomes.get("scored"), "five reused, two re-run");
        // The last sample, and "mismatch" (whose new mask would not fit it anyway), are not there.
        assertEquals(2L, s.reasons.get("rerun_error / missing"));
        assertFalse(Files.exists(elsewhere.resolve("gallery")), "no gallery asked for");
    }

    @Test
    void metricsWrittenBeforeBorderDistancesAreScoredAgain() throws Exception {
        Path old = work.resolve("old-segment");
        Files.createDirectories(old);
        Files.copy(segmentOutput.resolve("summary.json"), old.resolve("summary.json"));
        spark.read().parquet(segmentOutput.resolve("masks").toString()).write()
                .parquet(old.resolve("masks").toString());
        List<String> dropped = new ArrayList<>(Schemas.BORDER_SCORE_NAMES);
        dropped.addAll(Schemas.PIXEL_COUNT_NAMES);
        spark.read().parquet(segmentOutput.resolve("metrics").toString()).drop(dropped.toArray(String[]::new))
                .write().parquet(old.resolve("metrics").toString());
        EvaluateOptions o = new EvaluateOptions();
        new CommandLine(o).parseArgs("--segment-output", old.toString(), "--masks", masks.toString(),
                "--report", work.resolve("old-report").toString(), "--gallery", "0");
        EvaluationSummary s = EvaluateJob.run(spark, o);
        assertTrue(s.notes.stream().anyMatch(n -> n.contains("predate border distances")), s.notes.toString());
        assertEquals(Map.of("rerun", 8L), s.origins, "none of the old rows reused");
        assertEquals(summary.meanMetrics.get("fused").get("jaccard"), s.meanMetrics.get("fused").get("jaccard"), 1e-9,
                "the re-runs reproduce the stored scores");
        assertTrue(s.meanMetrics.get("fused").containsKey("hd95_px"));
    }

    @Test
    void theImageTableShowsTheMostUncertainFirstAndTheSummaryHowWellThatRanks() throws Exception {
        List<String> expected = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT image_id FROM read_parquet('" + glob("images")
                        + "') ORDER BY uncertainty DESC NULLS LAST, image_id")) {
            while (rs.next()) {
                expected.add(rs.getString(1));
            }
        }
        assertEquals(expected, tableIds(page));
        assertEquals(1.0, xpath.evaluate("count(//table[@id='image-table']//th[.='uncertainty'])", page,
                XPathConstants.NUMBER));
        assertTrue(Files.isRegularFile(report.resolve("plots/uncertainty-histogram.png")));

        // The ranking figures, recomputed from the report's own Parquet.
        List<double[]> scored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT uncertainty, fused_jaccard FROM read_parquet('" + glob("images")
                        + "') WHERE uncertainty IS NOT NULL AND fused_jaccard IS NOT NULL")) {
            while (rs.next()) {
                scored.add(new double[] {rs.getDouble(1), rs.getDouble(2)});
            }
        }
        UncertaintyRanking r = UncertaintyRanking.of(scored.stream().mapToDouble(v -> v[0]).toArray(),
                scored.stream().mapToDouble(v -> v[1]).toArray());
        assertEquals(8, r.images(), "the eight scored samples");
        assertEquals(r.spearman(), summary.uncertaintyRanking.get("spearman"), 1e-12);
        assertEquals(r.topMeanJaccard(), summary.uncertaintyRanking.get("mostUncertainMeanJaccard"), 1e-12);
        assertEquals(r.restMeanJaccard(), summary.uncertaintyRanking.get("restMeanJaccard"), 1e-12);
    }

    @Test
    void withoutAnUncertaintyColumnTheImageTableShowsTheLowestFusedJaccardFirst() throws Exception {
        Path old = work.resolve("before-uncertainty");
        Files.createDirectories(old);
        Files.copy(segmentOutput.resolve("summary.json"), old.resolve("summary.json"));
        // A segment output of a release before uncertainty scores.
        spark.read().parquet(segmentOutput.resolve("masks").toString()).drop("uncertainty")
                .write().parquet(old.resolve("masks").toString());
        spark.read().parquet(segmentOutput.resolve("metrics").toString()).write()
                .parquet(old.resolve("metrics").toString());
        Path out = work.resolve("before-uncertainty-report");
        EvaluateOptions o = new EvaluateOptions();
        new CommandLine(o).parseArgs("--segment-output", old.toString(), "--masks", masks.toString(),
                "--report", out.toString(), "--gallery", "1");
        EvaluationSummary summaryWithout = EvaluateJob.run(spark, o);
        assertNull(summaryWithout.uncertaintyRanking);
        Document oldPage = parse(out.resolve("index.html"));
        String images = out.resolve("data").resolve("images").resolve("*.parquet").toString();
        List<String> expected = new ArrayList<>();
        Map<String, Double> fused = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT image_id, fused_jaccard, uncertainty FROM read_parquet('" + images
                        + "') ORDER BY fused_jaccard NULLS LAST, image_id")) {
            while (rs.next()) {
                expected.add(rs.getString(1));
                fused.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getDouble(2));
                assertNull(rs.getObject(3), "no uncertainty in data/images/ either");
            }
        }
        assertEquals(expected, tableIds(oldPage));
        assertFalse(expected.equals(tableIds(page)), "the two orders differ here, so the test tells them apart");
        assertEquals(0.0, xpath.evaluate("count(//table[@id='image-table']//th[.='uncertainty'])", oldPage,
                XPathConstants.NUMBER));
        assertFalse(Files.exists(out.resolve("plots/uncertainty-histogram.png")), "none without the column");
        // The fused Jaccard column (image, outcome, fcn, superpixel, fused) holds the Parquet's values.
        NodeList rows = (NodeList) xpath.evaluate("//table[@id='image-table']/tbody/tr", oldPage,
                XPathConstants.NODESET);
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            String value = ((Element) row.getElementsByTagName("td").item(4)).getAttribute("data-value");
            Double expectedValue = fused.get(row.getAttribute("data-image-id"));
            if (expectedValue == null) {
                assertEquals("", value);
            } else {
                assertEquals(expectedValue, Double.parseDouble(value), 1e-12);
            }
        }
        String figure = xpath.evaluate("//div[@data-section='worst']/figure[1]//img/@src", oldPage);
        assertTrue(figure.startsWith("gallery/"), figure);
        assertEquals(figure, xpath.evaluate("//table[@id='image-table']/tbody/tr[1]/td[1]/a/@href", oldPage),
                "the worst image's row links to its figure");
    }

    @Test
    void theBorderTableShowsThePerStageMeansAndPooledScoresOfTheMetricsParquet() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT stage, avg(hd95_px), avg(hd95_diagonal), avg(assd_px), "
                        + "avg(assd_diagonal), avg(boundary_f), "
                        + "sum(tp_pixels) / sum(tp_pixels + fp_pixels + fn_pixels), 2 * sum(tp_pixels) / sum(2 * tp_pixels + fp_pixels + fn_pixels) FROM read_parquet('"
                        + glob("metrics") + "') GROUP BY stage")) {
            int stages = 0;
            while (rs.next()) {
                stages++;
                NodeList cells = (NodeList) xpath.evaluate("//table[@id='borders']/tbody/tr[@data-stage='"
                        + rs.getString(1) + "']/td", page, XPathConstants.NODESET);
                assertEquals(7, cells.getLength());
                for (int j = 0; j < 7; j++) {
                    assertEquals(rs.getDouble(j + 2),
                            Double.parseDouble(((Element) cells.item(j)).getAttribute("data-value")), 1e-9,
                            rs.getString(1) + " " + j);
                }
            }
            assertEquals(3, stages);
        }
    }

    @Test
    void theSummaryJsonIsTheReturnedSummary() throws Exception {
        EvaluationSummary read = EvaluationSummary.fromJson(Files.readString(report.resolve("data/summary.json")));
        assertEquals(summary.outcomes, read.outcomes);
        assertEquals(summary.worst, read.worst);
        assertNotNull(read.segmentRunId);
        assertFalse(read.segmentRunId.contains(","), "one segment run");
    }

    private static List<String> tableIds(Document d) throws Exception {
        NodeList rows = (NodeList) xpath.evaluate("//table[@id='image-table']/tbody/tr", d, XPathConstants.NODESET);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            ids.add(((Element) rows.item(i)).getAttribute("data-image-id"));
        }
        return ids;
    }

    private static Document parse(Path html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(html.toFile());
    }

    private static List<String> section(String key) throws Exception {
        NodeList cases = (NodeList) xpath.evaluate("//div[@data-section='" + key + "']/figure", page,
                XPathConstants.NODESET);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            ids.add(((Element) cases.item(i)).getAttribute("data-image-id"));
        }
        return ids;
    }

    private static Element caseOf(String key, String id) throws Exception {
        NodeList cases = (NodeList) xpath.evaluate("//div[@data-section='" + key + "']/figure", page,
                XPathConstants.NODESET);
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("data-image-id").equals(id)) {
                return e;
            }
        }
        throw new AssertionError(id + " not in section " + key);
    }
}
