package dev.zoo.bench.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.Map;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;

/**
 * Vertical bars (the median) with a whisker from the slowest to the fastest round: a rate and how
 * much it moved, in one mark. JFreeChart's statistical bars only draw a symmetric deviation.
 */
final class SpreadBarRenderer extends BarRenderer {

    private static final long serialVersionUID = 1L;
    private final Map<String, double[]> ranges = new HashMap<>();

    SpreadBarRenderer() {
        setBarPainter(new StandardBarPainter());
        setShadowVisible(false);
        setItemMargin(0.05);
    }

    /** The whisker of {@code series} in {@code category}: from {@code low} to {@code high}. */
    void range(String series, String category, double low, double high) {
        ranges.put(series + "\u0000" + category, new double[] {low, high});
    }

    /** The top of the whisker of {@code series} in {@code category}, or {@code value} when it has none. */
    double high(String series, String category, double value) {
        double[] r = ranges.get(series + "\u0000" + category);
        return r == null ? value : Math.max(value, r[1]);
    }

    @Override
    public void drawItem(Graphics2D g2, CategoryItemRendererState state, Rectangle2D dataArea, CategoryPlot plot,
            CategoryAxis domainAxis, ValueAxis rangeAxis, CategoryDataset dataset, int row, int column, int pass) {
        super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        double[] r = ranges.get(dataset.getRowKey(row) + "\u0000" + dataset.getColumnKey(column));
        if (pass != 0 || r == null || dataset.getValue(row, column) == null) {
            return;
        }
        double x = calculateBarW0(plot, plot.getOrientation(), dataArea, domainAxis, state, row, column)
                + state.getBarWidth() / 2;
        double low = rangeAxis.valueToJava2D(r[0], dataArea, plot.getRangeAxisEdge());
        double high = rangeAxis.valueToJava2D(r[1], dataArea, plot.getRangeAxisEdge());
        double cap = Math.min(8, state.getBarWidth() / 4);
        g2.setPaint(Color.DARK_GRAY);
        g2.setStroke(new BasicStroke(1.5f));
        g2.draw(new Line2D.Double(x, low, x, high));
        g2.draw(new Line2D.Double(x - cap, low, x + cap, low));
        g2.draw(new Line2D.Double(x - cap, high, x + cap, high));
    }
}
