package dev.zoo.bench.compare;

import dev.zoo.api.io.AtomicFiles;
import dev.zoo.api.train.TrainingJson;
import dev.zoo.bench.report.ChartStyle;
import dev.zoo.bench.report.HtmlPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Writes a comparison's report into its folder: {@code summary.json} (every figure),
 * {@code summary.csv} (one row per backend and model), {@code epochs.csv},
 * {@code cross-evaluation.csv}, the charts as PNG files under {@code charts/}, {@code report.md}
 * showing them, and {@code report.html} with the same tables and the charts inlined, so it opens
 * offline from anywhere.
 */
public final class ComparisonReport {

    /** How far apart, in points of top-1, the same weights may score on different backends. */
    public static final double SAME_WEIGHTS_TOLERANCE_POINTS = 0.2;

    private ComparisonReport() {
    }

    /** Writes every file of the report for {@code c} into {@code dir}. */
    public static void write(Comparison c, Path dir) {
        try {
            Files.createDirectories(dir.resolve("charts"));
            Map<String, byte[]> charts = new LinkedHashMap<>();
            Map<String, String> titles = new LinkedHashMap<>();
            for (Map.Entry<String, JFreeChart> e : new ComparisonCharts(c.backends()).all(c).entrySet()) {
                byte[] png = ChartStyle.png(e.getValue());
                AtomicFiles.write(dir.resolve("charts").resolve(e.getKey() + ".png"), png);
                charts.put(e.getKey(), png);
                titles.put(e.getKey(), e.getValue().getTitle().getText());
            }
            AtomicFiles.write(dir.resolve(ComparisonFolder.SUMMARY), TrainingJson.mapper().writeValueAsBytes(c));
            text(dir.resolve("summary.csv"), SummaryCsv.runs(c));
            text(dir.resolve("epochs.csv"), SummaryCsv.epochs(c));
            text(dir.resolve("cross-evaluation.csv"), SummaryCsv.crossEvaluations(c));
            text(dir.resolve("report.md"), markdown(c, titles));
            text(dir.resolve("report.html"), html(c, charts, titles));
        } catch (IOException e) {
            throw new UncheckedIOException("report: cannot write into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a comparison back from its {@code summary.json}. */
    public static Comparison read(Path dir) {
        Path file = dir.resolve(ComparisonFolder.SUMMARY);
        try {
            return TrainingJson.mapper().readValue(file.toFile(), Comparison.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("comparison " + dir + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void text(Path file, String s) throws IOException {
        AtomicFiles.write(file, s.getBytes(StandardCharsets.UTF_8));
    }

    /** The tables of the report, as header and rows of text cells, shared by Markdown and HTML. */
    record Table(String caption, List<String> header, List<List<String>> rows) {
    }

    static List<Table> tables(Comparison c) {
        List<Table> tables = new ArrayList<>();
        if (!c.runs().isEmpty()) {
            tables.add(summaryTable(c));
        }
        for (String model : c.models()) {
            if (c.crossEvaluations().stream().anyMatch(x -> x.model().equals(model))) {
                tables.add(crossTable(c, model));
            }
        }
        if (c.runs().stream().anyMatch(r -> !r.epochs().isEmpty())) {
            List<List<String>> rows = new ArrayList<>();
            for (RunFigures r : c.runs()) {
                for (EpochFigures e : r.epochs()) {
                    rows.add(List.of(r.model(), r.backend(), Integer.toString(e.epoch()), f4(e.trainLoss()),
                            f4(e.testLoss()), pct(e.top1()), pct(e.top5()), rate(e.imagesPerSecond()), f1(e.seconds())));
                }
            }
            tables.add(new Table("Per epoch", List.of("model", "backend", "epoch", "train loss", "test loss", "top-1",
                    "top-5", "images/s (epoch)", "seconds"), rows));
        }
        if (c.speed() != null) {
            tables.add(speedTable(c.speed()));
        }
        return tables;
    }

    private static Table summaryTable(Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        for (String model : c.models()) {
            for (String backend : c.backends()) {
                RunFigures r = c.run(backend, model);
                if (r == null) {
                    continue;
                }
                if (!r.ok()) {
                    rows.add(List.of(model, backend, "failed", "", "", "", "", "", "", f1(r.seconds())));
                    continue;
                }
                Spread s = r.trainImagesPerSecond();
                rows.add(List.of(model, backend, pct(r.top1()), pct(r.top5()), f4(r.testLoss()),
                        rate(s.median()) + " (" + rate(s.min()) + "–" + rate(s.max()) + ", " + s.rounds() + " rounds)",
                        r.evalImagesPerSecond() == null ? "" : rate(r.evalImagesPerSecond()), rate(r.peakRssMb()),
                        f1(r.firstStepSeconds()), f1(r.seconds())));
            }
        }
        return new Table("Results per backend and model", List.of("model", "backend", "top-1", "top-5", "test loss",
                "training images/s: median (slowest–fastest round)", "evaluation images/s", "peak RSS (MiB)",
                "first step (s)", "JVM wall (s)"), rows);
    }

    private static Table crossTable(Comparison c, String model) {
        List<String> header = new ArrayList<>(List.of("weights trained on \\ evaluated on"));
        header.addAll(c.backends());
        header.add("spread (points)");
        List<List<String>> rows = new ArrayList<>();
        for (String from : c.backends()) {
            List<String> row = new ArrayList<>(List.of(from));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean any = false;
            for (String on : c.backends()) {
                CrossEvaluation x = c.cross(model, from, on);
                row.add(x == null ? "–" : pct(x.top1()));
                if (x != null) {
                    any = true;
                    lo = Math.min(lo, 100 * x.top1());
                    hi = Math.max(hi, 100 * x.top1());
                }
            }
            if (!any) {
                continue;
            }
            double spread = hi - lo;
            row.add(String.format(Locale.ROOT, "%.2f %s", spread, spread <= SAME_WEIGHTS_TOLERANCE_POINTS + 1e-9 ? "✓"
                    : "✗ over " + SAME_WEIGHTS_TOLERANCE_POINTS));
            rows.add(row);
        }
        return new Table("Cross-evaluation of " + model + ": test top-1 of each backend's final weights on every"
                + " backend (the same weights must agree within " + SAME_WEIGHTS_TOLERANCE_POINTS + " points)", header,
                rows);
    }

    private static Table speedTable(SpeedTable t) {
        List<List<String>> rows = new ArrayList<>();
        for (SpeedTable.SpeedRow r : t.rows()) {
            if (r.error() != null) {
                rows.add(List.of(r.runner(), "failed: " + r.error(), "", "", "", ""));
                continue;
            }
            Spread s = r.imagesPerSecond();
            rows.add(List.of(r.runner(), rate(s.median()) + " (" + rate(s.min()) + "–" + rate(s.max()) + ")",
                    ratio(r.toReference()), ratio(r.toHandWritten()), r.peakRssMb() == null ? "" : rate(r.peakRssMb()),
                    r.inferenceImagesPerSecond() == null ? "" : rate(r.inferenceImagesPerSecond().median())));
        }
        return new Table("Training throughput of " + t.model() + " on synthetic batches of " + t.batch() + " x "
                + t.input() + " (" + t.method() + ")", List.of("runner", "images/s: median (slowest–fastest round)",
                "ratio to djl-pytorch (95% interval)", "ratio to hand-written, same engine (95% interval)",
                "peak RSS (MiB)",
                "inference images/s: median"), rows);
    }

    private static String howRun(Comparison c) {
        return c.speed() != null ? "every runner in its own JVM, timed in alternating rounds"
                : "each backend trained in its own JVM, one after another";
    }

    private static List<RunFigures> failures(Comparison c) {
        return c.runs().stream().filter(r -> !r.ok()).toList();
    }

    static String markdown(Comparison c, Map<String, String> charts) {
        StringBuilder md = new StringBuilder("# zoo compare: " + c.title() + "\n\n");
        md.append("- recipe: ").append(c.recipe()).append('\n');
        md.append("- machine: ").append(c.machine()).append('\n');
        md.append(String.format(Locale.ROOT, "- wall time: %.1f s; %s%n", c.seconds(), howRun(c)));
        for (RunFigures r : failures(c)) {
            md.append("\n**").append(r.backend()).append(" failed on ").append(r.model()).append(":** ")
                    .append(r.error()).append('\n');
        }
        for (String p : c.problems()) {
            md.append("\n**").append(p).append("**\n");
        }
        for (Table t : tables(c)) {
            md.append("\n## ").append(t.caption()).append("\n\n| ").append(String.join(" | ", t.header())).append(" |\n|");
            t.header().forEach(h -> md.append("---|"));
            md.append('\n');
            for (List<String> row : t.rows()) {
                md.append("| ").append(String.join(" | ", row.stream().map(s -> s.replace("|", "\\|")).toList()))
                        .append(" |\n");
            }
        }
        if (!charts.isEmpty()) {
            md.append("\n## Charts\n");
            charts.forEach((name, title) -> md.append("\n![").append(title).append("](charts/").append(name)
                    .append(".png)\n"));
        }
        return md.toString();
    }

    static String html(Comparison c, Map<String, byte[]> charts, Map<String, String> titles) {
        HtmlPage page = new HtmlPage("zoo compare: " + c.title()).facts("recipe", c.recipe(), "machine", c.machine(),
                "wall time", String.format(Locale.ROOT, "%.1f s; %s", c.seconds(), howRun(c)));
        failures(c).forEach(r -> page.failure(r.backend() + " failed on " + r.model() + ": " + r.error()));
        c.problems().forEach(page::failure);
        List<Table> tables = tables(c);
        if (!tables.isEmpty()) {
            page.table(tables.get(0).caption(), tables.get(0).header(), tables.get(0).rows());
        }
        if (!charts.isEmpty()) {
            page.heading("Charts").images(List.copyOf(charts.values()), charts.keySet().stream().map(titles::get).toList());
        }
        tables.stream().skip(1).forEach(t -> page.table(t.caption(), t.header(), t.rows()));
        return page.html();
    }

    static String pct(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String f4(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    static String f1(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String rate(Double v) {
        return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** A ratio and its 95% interval, {@code 1.02 (0.95-1.08)}, the median alone without one, nothing for null. */
    public static String ratio(Ratio r) {
        if (r == null) {
            return "";
        }
        return r.hasInterval() ? String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", r.median(), r.low(), r.high())
                : String.format(Locale.ROOT, "%.2f", r.median());
    }
}
