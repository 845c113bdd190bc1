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
     * At most this many points in the scatter plot: beyond it the points are an even sample by
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
        List<String> labels = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            labels.add(String.format(Locale.ROOT, "%.1f", (double) b / BINS));
        }
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
        int[] counts = new int[BINS];
        for (double v : values) {
            counts[Math.max(0, Math.min(BINS - 1, (int) Math.floor(v * BINS)))]++;
        }
        List<Integer> out = new ArrayList<>(BINS);
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    /**
     * One point per image, {@code x} against {@code y}, with the diagonal: points above it are
     * images that the second stage improved.
     */
    public static byte[] scatter(String title, String xTitle, String yTitle, List<Double> x, List<Double> y,
            String colourOf) throws IOException {
        if (x.size() != y.size()) {
            throw new IllegalArgumentException(x.size() + " x values but " + y.size() + " y values");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setXAxisMin(0.0);
        st.setXAxisMax(1.0);
        st.setYAxisMin(0.0);
        st.setYAxisMax(1.0);
        st.setXAxisDecimalPattern("0.0");
        st.setYAxisDecimalPattern("0.0");
        st.setMarkerSize(7);
        XYSeries diagonal = chart.addSeries("no change", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                .setLineColor(OTHER).setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, new float[] {5f, 4f}, 0f));
        int stride = Math.max(1, (x.size() + MAX_SCATTER_POINTS - 1) / MAX_SCATTER_POINTS);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.size(); i += stride) {
            xs.add(x.get(i));
            ys.add(y.get(i));
        }
        if (!xs.isEmpty()) {
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
