package dev.zoo.bench.compare;

import java.awt.BasicStroke;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import dev.zoo.bench.report.ChartStyle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of a comparison report, drawn with JFreeChart as PNG bytes: accuracy and loss per
 * epoch per backend, training images/s per backend and model with the spread of its rounds, and
 * peak memory. Every backend keeps one colour across all charts.
 */
final class ComparisonCharts {


    private final List<String> backends;

    ComparisonCharts(List<String> backends) {
        this.backends = List.copyOf(backends);
    }

    /** A chart's file name (without extension) and title, by name; the PNG bytes come from {@link #png}. */
    Map<String, JFreeChart> all(Comparison c) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        for (String model : c.models()) {
            if (c.runs().stream().anyMatch(r -> r.model().equals(model) && !r.epochs().isEmpty())) {
                charts.put("accuracy-" + model, perEpoch(c, model, "Test top-1 accuracy, " + model, "top-1 (%)", 2,
                        e -> 100 * e.top1()));
                charts.put("loss-" + model, perEpoch(c, model, "Test loss, " + model, "cross-entropy", 0.05,
                        EpochFigures::testLoss));
            }
        }
        if (c.runs().stream().anyMatch(RunFigures::ok)) {
            charts.put("training-throughput", throughput(c));
            charts.put("memory", bars(c, "Peak resident memory of each backend's JVM", "MiB", RunFigures::peakRssMb));
        }
        if (c.speed() != null && c.speed().rows().stream().anyMatch(r -> r.error() == null)) {
            // one colour per runner: the hand-written networks and Python are runners of their own
            charts.put("speed", new ComparisonCharts(c.speed().rows().stream().map(SpeedTable.SpeedRow::runner).toList())
                    .speed(c.speed()));
        }
        return charts;
    }

    private JFreeChart speed(SpeedTable t) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        SpreadBarRenderer renderer = new SpreadBarRenderer();
        for (SpeedTable.SpeedRow r : t.rows()) {
            if (r.error() == null) {
                data.addValue(r.imagesPerSecond().median(), r.runner(), t.model());
                renderer.range(r.runner(), t.model(), r.imagesPerSecond().min(), r.imagesPerSecond().max());
            }
        }
        return barChart("Training images/s on synthetic batches of " + t.batch() + " x " + t.input()
                + " (median; whiskers: slowest to fastest round)", "images/s", data, renderer);
    }

    private JFreeChart perEpoch(Comparison c, String model, String title, String axis, double minimumRange,
            ToDoubleFunction<EpochFigures> value) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String backend : backends) {
            RunFigures r = c.run(backend, model);
            if (r == null || r.epochs().isEmpty()) {
                continue;
            }
            XYSeries s = new XYSeries(backend + (r.ok() ? "" : " (failed)"));
            r.epochs().forEach(e -> s.add(e.epoch(), value.applyAsDouble(e)));
            data.addSeries(s);
        }
        // backends that agree draw on top of each other: rings of growing size keep every one visible
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int i = 0;
        for (Object key : data.getSeries()) {
            String name = ((XYSeries) key).getKey().toString().replace(" (failed)", "");
            double size = 8 + 5 * i;
            renderer.setSeriesPaint(i, colour(name));
            renderer.setSeriesStroke(i, i == 0 ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {10f - 3 * Math.min(i, 2), 6f}, 0f));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-size / 2, -size / 2, size, size));
            renderer.setSeriesShapesFilled(i, false);
            i++;
        }
        int epochs = c.runs().stream().filter(r -> r.model().equals(model)).mapToInt(r -> r.epochs().size()).max()
                .orElse(1);
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.5, epochs + 0.5);
        NumberAxis y = new NumberAxis(axis);
        y.setAutoRangeIncludesZero(false);
        y.setAutoRangeMinimumSize(minimumRange);
        y.setNumberFormatOverride(new DecimalFormat(minimumRange >= 1 ? "0.0" : "0.000"));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        return ChartStyle.chart(title, plot, true);
    }

    private JFreeChart throughput(Comparison c) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        SpreadBarRenderer renderer = new SpreadBarRenderer();
        for (String backend : backends) {
            for (String model : c.models()) {
                RunFigures r = c.run(backend, model);
                if (r != null && r.ok() && r.trainImagesPerSecond() != null) {
                    Spread s = r.trainImagesPerSecond();
                    data.addValue(s.median(), backend, model);
                    renderer.range(backend, model, s.min(), s.max());
                }
            }
        }
        return barChart("Training images/s (median of timed rounds; whiskers: slowest to fastest round)",
                "images/s", data, renderer);
    }

    private JFreeChart bars(Comparison c, String title, String axis, java.util.function.Function<RunFigures, Double> value) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String backend : backends) {
            for (String model : c.models()) {
                RunFigures r = c.run(backend, model);
                if (r != null && r.ok() && value.apply(r) != null) {
                    data.addValue(value.apply(r), backend, model);
                }
            }
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        return barChart(title, axis, data, renderer);
    }

    private JFreeChart barChart(String title, String axis, DefaultCategoryDataset data, BarRenderer renderer) {
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, colour(data.getRowKey(i).toString()));
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.tickFont());
        renderer.setMaximumBarWidth(0.2);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("model"), new NumberAxis(axis), renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        double top = 0;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int k = 0; k < data.getColumnCount(); k++) {
                Number v = data.getValue(r, k);
                if (v != null) {
                    top = Math.max(top, renderer instanceof SpreadBarRenderer s
                            ? s.high(data.getRowKey(r).toString(), data.getColumnKey(k).toString(), v.doubleValue())
                            : v.doubleValue());
                }
            }
        }
        plot.getRangeAxis().setRange(0, top > 0 ? top * 1.12 : 1);
        return ChartStyle.chart(title, plot, true);
    }

    private Paint colour(String backend) {
        int i = backends.indexOf(backend);
        return ChartStyle.colour(i < 0 ? backend.hashCode() : i);
    }
}
