package dermaseg.report;

import dermaseg.pipeline.MetricStage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.BoxStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's plots of per-image scores, drawn by XChart into PNG bytes without a display.
 * Stages keep one colour in every plot (Okabe–Ito, readable by the colour-blind).
 */
public final class ReportPlots {
    /** Plot size in pixels; the page shows them at this size. */
    public static final int WIDTH = 600;
    public static final int HEIGHT = 400;
    /** Histogram bins over [0, 1]. */
    public static final int BINS = 10;
    /**
     * At most this many points in the difference plot: beyond it the points are an even sample by
     * position in the given order (the caption says so), as more would only overdraw.
     */
    public static final int MAX_SCATTER_POINTS = 20_000;

    private static final Map<String, Color> STAGE_COLOURS = Map.of(
            MetricStage.FCN.id(), new Color(0xE6, 0x9F, 0x00),
            MetricStage.SUPERPIXEL.id(), new Color(0x00, 0x9E, 0x73),
            MetricStage.FUSED.id(), new Color(0x00, 0x72, 0xB2));
    private static final Color OTHER = new Color(0x55, 0x55, 0x55);
    private static final Color BORDER = new Color(0xd0, 0xd7, 0xde);

    static {
        // No display on an executor or in CI; AWT must know before its first use.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportPlots() {
    }

    /**
     * A box per stage of the per-image scores, stages in the map's order: quartiles by linear
     * interpolation between order statistics (as R's default, and the only XChart method that
     * stays inside the data for two values), whiskers 1.5 × IQR beyond the box but not beyond the
     * data, the points beyond them marked. XChart 3.8 draws boxes in fixed colours and fits the
     * value axis to the data (it ignores a set range), so this plot alone is not on [0, 1].
     */
    public static byte[] boxPlot(String title, String yTitle, Map<String, List<Double>> byStage) throws IOException {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        BoxStyler st = chart.getStyler();
        style(st);
        st.setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
        st.setLegendVisible(false);
        st.setYAxisDecimalPattern("0.0");
        for (Map.Entry<String, List<Double>> e : byStage.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue());
        }
        return png(chart);
    }

    /** Counts of per-image scores in {@value #BINS} bins over [0, 1], stages side by side. */
    public static byte[] histogram(String title, String xTitle, Map<String, List<Double>> byStage)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle("images").build();
        style(chart.getStyler());
        CategoryStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideNW);
        st.setAvailableSpaceFill(0.85);
        st.setOverlapped(false);
        st.setYAxisDecimalPattern("#0");
        st.setYAxisMin(0.0);
        List<String> labels = Bins.unit(List.of(), BINS).labels();
        for (Map.Entry<String, List<Double>> e : byStage.entrySet()) {
            CategorySeries s = chart.addSeries(e.getKey(), labels, binCounts(e.getValue()));
            s.setFillColor(colour(e.getKey()));
        }
        return png(chart);
    }

    /**
     * Counts per bin {@code [b/BINS, (b+1)/BINS)}, the last bin closed so that a perfect 1.0 is
     * counted; values outside [0, 1] are clamped into the end bins.
     */
    static List<Integer> binCounts(List<Double> values) {
        return Bins.unit(values, BINS).counts();
    }

    /** One distribution's bins as bars, in {@code colourOf}'s colour (a stage's, or grey). */
    public static byte[] bars(String title, String xTitle, Bins bins, String colourOf) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle("images").build();
        style(chart.getStyler());
        CategoryStyler st = chart.getStyler();
        st.setLegendVisible(false);
        st.setAvailableSpaceFill(0.9);
        st.setYAxisDecimalPattern("#0");
        st.setYAxisMin(0.0);
        CategorySeries s = chart.addSeries("images", bins.labels(), bins.counts());
        s.setFillColor(colour(colourOf));
        return png(chart);
    }

    /**
     * A difference plot (Bland–Altman): per image, the mean of two stages' scores against their
     * difference, with the zero line (no change) and the mean difference. The value axis is
     * symmetric about zero, so that gains and losses look alike.
     */
    public static byte[] differencePlot(String title, String xTitle, String yTitle, Differences d,
            String colourOf) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setXAxisMin(0.0);
        st.setXAxisMax(1.0);
        st.setYAxisMin(-d.span());
        st.setYAxisMax(d.span());
        st.setXAxisDecimalPattern("0.0");
        st.setYAxisDecimalPattern("0.00");
        st.setMarkerSize(7);
        XYSeries zero = chart.addSeries("no change", new double[] {0, 1}, new double[] {0, 0});
        zero.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                .setLineColor(OTHER).setLineStyle(new BasicStroke(1.5f));
        if (!d.means().isEmpty()) {
            XYSeries mean = chart.addSeries(String.format(Locale.ROOT, "mean %+.3f", d.meanDifference()),
                    new double[] {0, 1}, new double[] {d.meanDifference(), d.meanDifference()});
            mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                    .setLineColor(colour(colourOf)).setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            int stride = Math.max(1, (d.means().size() + MAX_SCATTER_POINTS - 1) / MAX_SCATTER_POINTS);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < d.means().size(); i += stride) {
                xs.add(d.means().get(i));
                ys.add(d.differences().get(i));
            }
            XYSeries points = chart.addSeries("images", xs, ys);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.CIRCLE)
                    .setMarkerColor(withAlpha(colour(colourOf), 170));
        }
        return png(chart);
    }

    /** Stage name → values, in {@code order}, leaving out stages with no values. */
    public static Map<String, List<Double>> inOrder(List<String> order, Map<String, List<Double>> values) {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (String stage : order) {
            List<Double> v = values.get(stage);
            if (v != null && !v.isEmpty()) {
                m.put(stage, v);
            }
        }
        return m;
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(BORDER);
        s.setLegendBorderColor(BORDER);
        s.setChartTitleBoxVisible(false);
        s.setAntiAlias(true);
        s.setPlotGridLinesColor(new Color(0xea, 0xee, 0xf2));
        s.setAxisTickMarksColor(OTHER);
    }

    private static Color colour(String stage) {
        return STAGE_COLOURS.getOrDefault(stage, OTHER);
    }

    private static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
