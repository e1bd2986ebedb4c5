package dev.zoo.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a recorded comparison (the {@code summary.json} of a real run of two models on three
 * backends, one of which failed mid-run; no training here): every figure reaches the tables and
 * files, and every chart is an image that decodes.
 */
class ComparisonReportTest {

    private static final Path RECORDED = Path.of("src/test/resources/compare");

    @TempDir
    static Path dir;

    private static Comparison recorded;

    @BeforeAll
    static void render() {
        recorded = ComparisonReport.read(RECORDED);
        ComparisonReport.write(recorded, dir);
    }

    @Test
    void theRecordingHasWhatTheTestsNeed() {
        assertThat(recorded.runs()).hasSize(recorded.models().size() * recorded.backends().size());
        assertThat(recorded.runs()).anyMatch(r -> !r.ok()).anyMatch(RunFigures::ok);
        assertThat(recorded.crossEvaluations()).isNotEmpty();
    }

    @Test
    void summaryJsonHoldsEveryFigureAndReadsBackTheSame() {
        assertThat(ComparisonReport.read(dir)).isEqualTo(recorded);
    }

    @Test
    void summaryCsvHasOneRowPerBackendAndModelWithItsFigures() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(lines).hasSize(1 + recorded.runs().size());
        List<String> header = List.of(lines.get(0).split(","));
        for (RunFigures r : recorded.runs()) {
            String row = lines.stream().filter(l -> l.startsWith(r.backend() + "," + r.model() + ",")).findFirst()
                    .orElseThrow();
            List<String> cells = List.of(row.split(",", -1));
            assertThat(cells.get(header.indexOf("status"))).isEqualTo(r.ok() ? "ok" : "failed");
            if (r.ok()) {
                assertThat(Double.parseDouble(cells.get(header.indexOf("top1")))).isCloseTo(r.top1(),
                        org.assertj.core.data.Offset.offset(1e-5));
                assertThat(Double.parseDouble(cells.get(header.indexOf("train_images_per_s_median"))))
                        .isCloseTo(r.trainImagesPerSecond().median(), org.assertj.core.data.Percentage.withPercentage(0.01));
                assertThat(Double.parseDouble(cells.get(header.indexOf("peak_rss_mb"))))
                        .isCloseTo(r.peakRssMb(), org.assertj.core.data.Percentage.withPercentage(0.01));
            }
        }
        long epochs = recorded.runs().stream().mapToLong(r -> r.epochs().size()).sum();
        assertThat(Files.readAllLines(dir.resolve("epochs.csv"))).hasSize(1 + (int) epochs);
        assertThat(Files.readAllLines(dir.resolve("cross-evaluation.csv")))
                .hasSize(1 + recorded.crossEvaluations().size());
    }

    @Test
    void bothReportsShowEveryRunsFiguresAndTheFailure() throws Exception {
        String html = Files.readString(dir.resolve("report.html"));
        String md = Files.readString(dir.resolve("report.md"));
        for (RunFigures r : recorded.runs()) {
            if (r.ok()) {
                String top1 = String.format(Locale.ROOT, "%.2f%%", 100 * r.top1());
                String rate = String.format(Locale.ROOT, "%,.0f", r.trainImagesPerSecond().median());
                String row = "| " + r.model() + " | " + r.backend() + " | " + top1 + " |";
                assertThat(md).contains(row).contains(rate);
                assertThat(html).contains("<td>" + r.model() + "</td><td>" + r.backend() + "</td><td>" + top1 + "</td>")
                        .contains(rate);
            } else {
                assertThat(md).contains(r.backend() + " failed on " + r.model() + ":** " + r.error());
                assertThat(html).contains(dev.zoo.bench.report.HtmlPage.escape(r.error()));
            }
        }
        for (CrossEvaluation x : recorded.crossEvaluations()) {
            assertThat(md).contains("Cross-evaluation of " + x.model());
        }
    }

    @Test
    void everyChartIsAValidImageInBothReports() throws Exception {
        List<Path> charts;
        try (Stream<Path> files = Files.list(dir.resolve("charts"))) {
            charts = files.sorted().toList();
        }
        // accuracy and loss per model, throughput, memory
        assertThat(charts).hasSize(2 * recorded.models().size() + 2);
        String md = Files.readString(dir.resolve("report.md"));
        for (Path chart : charts) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image).as("%s decodes", chart).isNotNull();
            assertThat(image.getWidth()).isEqualTo(dev.zoo.bench.report.ChartStyle.WIDTH);
            assertThat(md).contains("(charts/" + chart.getFileName() + ")");
        }
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
                .matcher(Files.readString(dir.resolve("report.html")));
        List<BufferedImage> inlined = new ArrayList<>();
        while (m.find()) {
            inlined.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        assertThat(inlined).hasSameSizeAs(charts).doesNotContainNull();
        assertThat(Files.readString(dir.resolve("report.html"))).doesNotContain("src=\"http").doesNotContain("src=\"charts/");
    }
}
