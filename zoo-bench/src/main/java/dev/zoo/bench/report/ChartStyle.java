package dev.zoo.bench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look every zoo chart shares: white background, light grid, fonts large enough to read in a
 * browser at half width, one palette, and PNG output at one size.
 */
public final class ChartStyle {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 480;
    private static final Paint[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    static {
        // charts are drawn off-screen: no display is needed, and none is touched when there is one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartStyle() {
    }

    /**
     * The {@code i}-th colour of the palette; it repeats after ten (four engines compared for speed
     * make nine runners, each its own colour).
     */
    public static Paint colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** The font of tick labels and item labels. */
    public static Font tickFont() {
        return TICK;
    }

    /** A chart titled {@code title} around {@code plot}, with a legend when {@code legend}, in the zoo's style. */
    public static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
        }
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
            fonts(xy.getDomainAxis(), xy.getRangeAxis());
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(Color.LIGHT_GRAY);
            fonts(cat.getDomainAxis(), cat.getRangeAxis());
        }
        return chart;
    }

    private static void fonts(Axis... axes) {
        for (Axis a : axes) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
        }
    }

    /** The chart as a PNG image of the zoo's chart size. */
    public static byte[] png(JFreeChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("chart '" + chart.getTitle().getText() + "': cannot draw it: "
                    + e.getMessage(), e);
        }
    }
}
