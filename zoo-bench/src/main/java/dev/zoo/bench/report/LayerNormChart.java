package dev.zoo.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Gradient norm by layer, input to output, on a log scale: one line per network. The picture of
 * vanishing gradients: a plain deep stack's early layers fall away from its late ones, while the
 * residual twin's stay level.
 */
public final class LayerNormChart {

    private static final Pattern BATCH_NORM = Pattern.compile("(^|.*\\.)bn\\d*\\.weight$");

    private LayerNormChart() {
    }

    /** True for the kernel of a convolution or dense layer, going by the zoo's names. */
    public static boolean isKernel(String tensor) {
        return tensor.endsWith(".weight") && !BATCH_NORM.matcher(tensor).matches();
    }

    /** A log-scale axis whose ticks are labelled with the values themselves, to three significant digits. */
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setNumberFormatOverride(new SignificantFormat());
        axis.setMinorTickMarksVisible(true);
        return axis;
    }

    /**
     * The chart of {@code normsByNetwork}: for each network, its weight layers' gradient norms in
     * order from input to output.
     */
    public static JFreeChart of(String title, Map<String, List<Double>> normsByNetwork) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (Map.Entry<String, List<Double>> e : normsByNetwork.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false);
            List<Double> norms = e.getValue();
            for (int layer = 0; layer < norms.size(); layer++) {
                if (norms.get(layer) > 0 && Double.isFinite(norms.get(layer))) {
                    s.add(layer + 1, norms.get(layer));
                }
            }
            data.addSeries(s);
            renderer.setSeriesPaint(i, ChartStyle.colour(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            i++;
        }
        NumberAxis x = new NumberAxis("weight layer, input to output");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        LogAxis y = logAxis("gradient L2 norm (log scale)");
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return ChartStyle.chart(title, plot, true);
    }
}
