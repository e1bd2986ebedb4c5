package dev.zoo.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a recorded training run (the logs of a real two-epoch lesson CNN run), alone and overlaid. */
class RunReportTest {

    private static final Path RECORDED = Path.of("src/test/resources/run/lesson");

    @TempDir
    Path dir;

    @Test
    void theLogsAreReadAsRecorded() {
        RunHistory run = RunHistory.read(RECORDED);

        assertThat(run.label()).startsWith("lesson_cnn on djl-pytorch");
        assertThat(run.epochs()).extracting(RunHistory.Epoch::epoch).containsExactly(1, 2);
        assertThat(run.steps()).isNotEmpty().allSatisfy(s -> assertThat(s.learningRate()).isBetween(0.0, 0.05));
        // kernels of convolutions and dense layers, input to output; no biases
        assertThat(run.weightTensors()).containsExactly("conv1.weight", "conv2.weight", "fc1.weight", "fc2.weight");
        assertThat(run.meanNorm("conv1.weight")).isPositive();
    }

    @Test
    void oneRunGetsEveryChartAndEveryInlinedImageDecodes() throws Exception {
        Path page = dir.resolve("report.html");
        RunReport.write(List.of(RunHistory.read(RECORDED)), page);

        List<Object> images = inlinedImages(Files.readString(page));
        assertThat(images).hasSize(RunReport.charts(List.of(RunHistory.read(RECORDED))).size()).hasSize(6)
                .doesNotContainNull();
        assertThat(Files.readString(page)).contains(String.format(java.util.Locale.ROOT, "<td>%.2f%%</td>",
                100 * RunHistory.read(RECORDED).epochs().get(0).top1()));
    }

    @Test
    void severalRunsAreOverlaidInEachChart() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("other"));
        Files.copy(RECORDED.resolve("metrics.jsonl"), copy.resolve("metrics.jsonl"));
        List<RunHistory> runs = List.of(RunHistory.read(RECORDED), RunHistory.read(copy));
        Map<String, JFreeChart> charts = RunReport.charts(runs);

        assertThat(charts).doesNotContainKey("Gradient norm of each weight layer over steps");
        assertThat(charts.get("Training images/s over steps").getXYPlot().getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(RunReport.html(runs)).contains("Training runs: lesson_cnn on djl-pytorch (lesson) vs other");
    }

    @Test
    void aFolderWithoutLogsIsNamed() {
        assertThatThrownBy(() -> RunHistory.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run folder " + dir + ": no metrics.jsonl, so nothing to draw (zoo train --out writes one)");
    }

    private static List<Object> inlinedImages(String html) throws Exception {
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        List<Object> out = new ArrayList<>();
        while (m.find()) {
            out.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        return out;
    }
}
