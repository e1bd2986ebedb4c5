package dev.zoo.bench.report;

import dev.zoo.api.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The {@code report.html} of one training run, or of several overlaid: loss and accuracy curves,
 * images/s and learning rate over steps, per-layer gradient norms over steps and by layer.
 */
public final class RunReport {

    /** At most this many tensors get a legend entry; beyond, colour alone says the depth. */
    private static final int LEGEND_LIMIT = 12;

    private RunReport() {
    }

    /** Writes the report of {@code runs} to {@code file}, replacing it atomically. */
    public static void write(List<RunHistory> runs, Path file) {
        try {
            AtomicFiles.write(file, html(runs).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String html(List<RunHistory> runs) {
        String title = runs.size() == 1 ? "Training run: " + runs.get(0).label()
                : "Training runs: " + String.join(" vs ", runs.stream().map(RunHistory::label).toList());
        HtmlPage page = new HtmlPage(title);
        Map<String, JFreeChart> charts = charts(runs);
        List<byte[]> pngs = new ArrayList<>();
        charts.values().forEach(c -> pngs.add(ChartStyle.png(c)));
        page.images(pngs, List.copyOf(charts.keySet()));
        List<List<String>> rows = new ArrayList<>();
        for (RunHistory r : runs) {
            for (RunHistory.Epoch e : r.epochs()) {
                rows.add(List.of(r.label(), Integer.toString(e.epoch()), Long.toString(e.step()), f(e.trainLoss(), "%.4f"),
                        f(e.testLoss(), "%.4f"), f(100 * e.top1(), "%.2f%%"), f(100 * e.top5(), "%.2f%%"),
                        f(e.imagesPerSecond(), "%,.0f")));
            }
        }
        page.table("Per epoch", List.of("run", "epoch", "step", "train loss", "test loss", "top-1", "top-5", "images/s"),
                rows);
        return page.html();
    }

    private static String f(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    /** Every chart of the report, by title. */
    static Map<String, JFreeChart> charts(List<RunHistory> runs) {
        Map<String, JFreeChart> charts = new LinkedHashMap<>();
        charts.put("Training loss over steps (test loss at each epoch's end as rings)", loss(runs));
        if (runs.stream().anyMatch(r -> r.epochs().stream().anyMatch(e -> !Double.isNaN(e.top1())))) {
            charts.put("Test top-1 accuracy per epoch", overSteps(runs, "epoch", "top-1 (%)", r -> r.epochs(),
                    e -> e.epoch(), e -> 100 * e.top1(), true));
        }
        charts.put("Training images/s over steps", overSteps(runs, "step", "images/s", RunHistory::steps,
                s -> s.step(), s -> s.imagesPerSecond(), false));
        charts.put("Learning rate over steps", overSteps(runs, "step", "learning rate", RunHistory::steps,
                s -> s.step(), s -> s.learningRate(), false));
        if (runs.size() == 1 && !runs.get(0).weightTensors().isEmpty()) {
            charts.put("Gradient norm of each weight layer over steps", normsOverSteps(runs.get(0)));
        }
        Map<String, List<Double>> byLayer = new LinkedHashMap<>();
        for (RunHistory r : runs) {
            if (!r.weightTensors().isEmpty()) {
                byLayer.put(r.label(), r.weightTensors().stream().map(r::meanNorm).toList());
            }
        }
        if (!byLayer.isEmpty()) {
            charts.put("Mean gradient norm by layer", LayerNormChart.of("Mean gradient norm by layer", byLayer));
        }
        charts.forEach((t, c) -> c.setTitle(new TextTitle(t, c.getTitle().getFont())));
        return charts;
    }

    private static JFreeChart loss(List<RunHistory> runs) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        int i = 0;
        for (RunHistory r : runs) {
            XYSeries train = new XYSeries(r.label() + " train", false);
            r.steps().forEach(s -> train.add(s.step(), s.trainLoss()));
            XYSeries test = new XYSeries(r.label() + " test", false);
            r.epochs().stream().filter(e -> !Double.isNaN(e.testLoss())).forEach(e -> test.add(e.step(), e.testLoss()));
            data.addSeries(train);
            renderer.setSeriesPaint(2 * i, ChartStyle.colour(i));
            renderer.setSeriesShapesVisible(2 * i, false);
            renderer.setSeriesStroke(2 * i, new BasicStroke(2f));
            data.addSeries(test);
            renderer.setSeriesPaint(2 * i + 1, ChartStyle.colour(i));
            renderer.setSeriesLinesVisible(2 * i + 1, false);
            renderer.setSeriesShape(2 * i + 1, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
            renderer.setSeriesShapesFilled(2 * i + 1, false);
            i++;
        }
        NumberAxis y = new NumberAxis("cross-entropy");
        y.setAutoRangeIncludesZero(false);
        return ChartStyle.chart("loss", new XYPlot(data, new NumberAxis("step"), y, renderer), true);
    }

    private static <T> JFreeChart overSteps(List<RunHistory> runs, String xLabel, String yLabel,
            Function<RunHistory, List<T>> rows, ToDoubleFunction<T> x, ToDoubleFunction<T> y, boolean shapes) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        int i = 0;
        for (RunHistory r : runs) {
            XYSeries s = new XYSeries(r.label(), false);
            for (T row : rows.apply(r)) {
                if (!Double.isNaN(y.applyAsDouble(row))) {
                    s.add(x.applyAsDouble(row), y.applyAsDouble(row));
                }
            }
            data.addSeries(s);
            renderer.setSeriesPaint(i, ChartStyle.colour(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            i++;
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setAutoRangeIncludesZero(false);
        return ChartStyle.chart(yLabel, new XYPlot(data, xAxis, yAxis, renderer), true);
    }

    /** One line per weight layer, coloured from blue (input) to red (output), on a log scale. */
    private static JFreeChart normsOverSteps(RunHistory run) {
        List<String> tensors = run.weightTensors();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < tensors.size(); i++) {
            XYSeries s = new XYSeries(tensors.get(i), false);
            run.gradientNorms().get(tensors.get(i)).stream().filter(p -> p[1] > 0).forEach(p -> s.add(p[0], p[1]));
            data.addSeries(s);
            float depth = tensors.size() == 1 ? 0 : (float) i / (tensors.size() - 1);
            renderer.setSeriesPaint(i, new Color(depth, 0.15f, 1 - depth));
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        LogAxis y = LayerNormChart.logAxis("gradient L2 norm (log scale)");
        JFreeChart chart = ChartStyle.chart("norms", new XYPlot(data, new NumberAxis("step"), y, renderer),
                tensors.size() <= LEGEND_LIMIT);
        if (tensors.size() > LEGEND_LIMIT) {
            chart.addSubtitle(new TextTitle(tensors.size() + " weight layers: blue is the first (" + tensors.get(0)
                    + "), red the last (" + tensors.get(tensors.size() - 1) + ")"));
        }
        return chart;
    }
}
