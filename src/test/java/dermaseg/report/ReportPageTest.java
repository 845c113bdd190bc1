package dermaseg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
                List.of(new ReportContent.CaseScore(HOSTILE, 0.5, 0.6)), 0.1, 0.9);
        ReportContent content = new ReportContent(HOSTILE, List.of(new ReportContent.Fact(HOSTILE, HOSTILE)), 3,
                counts, counts, counts, List.of(new ReportContent.StageMeans(HOSTILE, 3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)),
                List.of(HOSTILE), List.of(new ReportContent.Plot("plots/p.png", HOSTILE, HOSTILE)),
                List.of(new ReportContent.GallerySection(HOSTILE, HOSTILE, List.of(c))),
                List.of(new ReportContent.Fact(HOSTILE, "data/summary.json")));
        String html = ReportPage.render(content);
        assertFalse(html.contains("<script") || html.contains("<b>"), html);

        Document page = parse(html);
        String shown = HOSTILE.replace("\u0007", "\\u0007");
        assertEquals(shown, XPATH.evaluate("/html/head/title", page));
        assertEquals(shown, XPATH.evaluate("//figure[@class='case']/@data-image-id", page));
        assertEquals(shown, XPATH.evaluate("//figure[@class='case']//div[@class='id']", page));
        assertEquals(shown, XPATH.evaluate("//table[@id='ablation']/tbody/tr/@data-stage", page));
        assertEquals(shown, XPATH.evaluate("//table[@id='outcomes']/tbody/tr[1]/td[1]", page));
        assertEquals(shown, XPATH.evaluate("//p[@class='note']", page));
        assertEquals(shown, XPATH.evaluate("//div[@class='plots']//figcaption", page));
        assertEquals("0.2000", XPATH.evaluate("//table[@id='ablation']/tbody/tr/td[3]", page));
        assertEquals("0.2", XPATH.evaluate("//table[@id='ablation']/tbody/tr/td[3]/@data-value", page));
    }

    @Test
    void aCaseWithoutFigureSaysWhy() throws Exception {
        ReportContent.Case c = new ReportContent.Case("id", null, "not in the segment output", List.of(), null, null);
        ReportContent content = new ReportContent("t", List.of(), 0, Map.of(), Map.of(), Map.of(), List.of(),
                List.of(), List.of(), List.of(new ReportContent.GallerySection("named", "Named", List.of(c))),
                List.of());
        Document page = parse(ReportPage.render(content));
        assertEquals(0.0, XPATH.evaluate("count(//img)", page, XPathConstants.NUMBER));
        assertEquals("No figure: not in the segment output", XPATH.evaluate("//figure//p[@class='missing']", page));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }
}
