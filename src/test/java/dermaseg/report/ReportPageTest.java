package dermaseg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The page on its own, with hostile text in every place that prints data: it must stay
 * well-formed and show the text exactly.
 */
class ReportPageTest {
    static final String HOSTILE = "a<b>&amp;\"c'</td><script>x()</script>\u0007";
    static final XPath XPATH = XPathFactory.newInstance().newXPath();

    @Test
    void everyPieceOfDataIsPrintedAsText() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(HOSTILE, 3L);
        ReportContent.Case c = new ReportContent.Case(HOSTILE, "gallery/x.png", HOSTILE,
                List.of(new ReportContent.CaseScore(HOSTILE, 0.5, 0.6)), 0.1, 0.9, 0.25);
        ImageRow row = new ImageRow(HOSTILE, HOSTILE, Map.of(), 0.5, null, null, HOSTILE);
        ReportContent content = new ReportContent(HOSTILE, List.of(new ReportContent.Fact(HOSTILE, HOSTILE)), 3,
                counts, counts, counts, List.of(new ReportContent.StageMeans(HOSTILE, 3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)),
                List.of(new ReportContent.StageBorders(HOSTILE, 10, 0.1, 3, 0.03, 0.7, 0.8, 0.9)),
                List.of(HOSTILE), List.of(new ReportContent.Plot("plots/p.png", HOSTILE, HOSTILE)),
                List.of(new ReportContent.GallerySection(HOSTILE, HOSTILE, List.of(c))),
                ImageTable.of(List.of(row), true), List.of(new ReportContent.Fact(HOSTILE, "data/summary.json")));
        String html = ReportPage.render(content);
        assertFalse(html.contains("<script>x()") || html.contains("<b>"), html);
        assertEquals(1, html.split("<script", -1).length - 1, "the page's own sorting script, and no other");

        Document page = parse(html);
        String shown = HOSTILE.replace("\u0007", "\\u0007");
        assertEquals(shown, XPATH.evaluate("/html/head/title", page));
        assertEquals(shown, XPATH.evaluate("//figure[@class='case']/@data-image-id", page));
        assertEquals(shown, XPATH.evaluate("//figure[@class='case']//div[@class='id']", page));
        assertEquals(1.0, XPATH.evaluate("count(//figure[@class='case']//div[.='uncertainty 0.250'])", page,
                javax.xml.xpath.XPathConstants.NUMBER), "the case's uncertainty under its scores");
        assertEquals(shown, XPATH.evaluate("//table[@id='ablation']/tbody/tr/@data-stage", page));
        assertEquals(shown, XPATH.evaluate("//table[@id='outcomes']/tbody/tr[1]/td[1]", page));
        assertEquals(shown, XPATH.evaluate("//p[@class='note']", page));
        assertEquals(shown, XPATH.evaluate("//div[@class='plots']//figcaption", page));
        assertEquals("0.2000", XPATH.evaluate("//table[@id='ablation']/tbody/tr/td[3]", page));
        assertEquals("0.2", XPATH.evaluate("//table[@id='ablation']/tbody/tr/td[3]/@data-value", page));
        assertEquals(shown, XPATH.evaluate("//table[@id='borders']/tbody/tr/@data-stage", page));
        assertEquals("0.7", XPATH.evaluate("//table[@id='borders']/tbody/tr/td[5]/@data-value", page));
        assertEquals(shown, XPATH.evaluate("//table[@id='image-table']/tbody/tr/@data-image-id", page));
        assertEquals(shown, XPATH.evaluate("//table[@id='image-table']/tbody/tr/td[1]/a", page));
        assertEquals(shown, XPATH.evaluate("//table[@id='image-table']/tbody/tr/td[1]/a/@href", page));
    }

    @Test
    void aCaseWithoutFigureSaysWhy() throws Exception {
        ReportContent.Case c = new ReportContent.Case("id", null, "not in the segment output", List.of(), null, null,
                null);
        ReportContent content = new ReportContent("t", List.of(), 0, Map.of(), Map.of(), Map.of(), List.of(),
                List.of(), List.of(), List.of(),
                List.of(new ReportContent.GallerySection("named", "Named", List.of(c))),
                ImageTable.of(List.of(), false), List.of());
        Document page = parse(ReportPage.render(content));
        assertEquals(0.0, XPATH.evaluate("count(//img)", page, XPathConstants.NUMBER));
        assertEquals("No figure: not in the segment output", XPATH.evaluate("//figure//p[@class='missing']", page));
    }

    @Test
    void theSortingScriptIsInlineAndItsCodeIsCharacterDataForXml() throws Exception {
        ReportContent content = new ReportContent("t", List.of(), 0, Map.of(), Map.of(), Map.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), ImageTable.of(List.of(), false), List.of());
        String html = ReportPage.render(content);
        Document page = parse(html);
        assertEquals("", XPATH.evaluate("//script/@src", page), "nothing fetched");
        assertTrue(XPATH.evaluate("//script", page).contains("table.sortable"));
        assertEquals(1.0, XPATH.evaluate("count(//table[@id='image-table' and @class='sortable'])", page,
                XPathConstants.NUMBER));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }
}
