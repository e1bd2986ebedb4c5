package dev.zoo.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.zoo.ModelZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real comparison of the lesson CNN on two backends in child JVMs, on a few real Fashion-MNIST
 * images, with one backend made to fail mid-run: the other is still measured and reported, and the
 * failure is named. Bad requests are refused before anything is written.
 */
class CompareEngineTest {

    @TempDir
    Path dir;

    private CompareRequest request(List<String> models, List<String> backends, Path out) {
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(16).seed(7)
                .optimizer(new Optimizer.Sgd(0.9, true, 5e-4)).schedule(new LearningRateSchedule.Constant(0.05)).build();
        return new CompareRequest(models, backends, new CompareData("fashion-mnist", null, 128, 7, false, 0), config, out);
    }

    @Test
    void aBackendThatFailsMidRunIsReportedAndTheOtherStillShows() throws Exception {
        Path out = dir.resolve("cmp");
        List<String> progress = new ArrayList<>();
        System.setProperty(CompareWorker.FAIL_PROPERTY, "dl4j@3");
        Comparison c;
        try {
            c = new CompareEngine(progress::add).run(request(List.of("lesson_cnn"), List.of("djl-pytorch", "dl4j"), out));
        } finally {
            System.clearProperty(CompareWorker.FAIL_PROPERTY);
        }

        RunFigures ok = c.run("djl-pytorch", "lesson_cnn");
        assertThat(ok.ok()).isTrue();
        assertThat(ok.epochs()).hasSize(1);
        assertThat(ok.top1()).isBetween(0.0, 1.0).isEqualTo(ok.epochs().get(0).top1());
        assertThat(ok.trainImagesPerSecond().rounds()).isPositive();
        assertThat(ok.trainImagesPerSecond().min()).isPositive().isLessThanOrEqualTo(ok.trainImagesPerSecond().max());
        assertThat(ok.peakRssMb()).isGreaterThan(50);
        assertThat(ok.firstStepSeconds()).isPositive().isLessThan(ok.seconds());
        assertThat(out.resolve(ok.weights())).isRegularFile();
        // the weights travel with their architecture, which the cross-evaluation rebuilds
        assertThat(ArchitectureJson.read(out.resolve(ok.weights()).resolveSibling("architecture.json")))
                .isEqualTo(ModelZoo.build("lesson_cnn", Shape.chw(1, 28, 28), 10));
        RunFigures failed = c.run("dl4j", "lesson_cnn");
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).contains("injected failure after step 3");
        // the failed backend still evaluates the weights that did train, and agrees with their trainer
        CrossEvaluation own = c.cross("lesson_cnn", "djl-pytorch", "djl-pytorch");
        CrossEvaluation other = c.cross("lesson_cnn", "djl-pytorch", "dl4j");
        assertThat(own.top1()).isEqualTo(ok.top1());
        assertThat(Math.abs(other.top1() - own.top1()) * 100).isLessThanOrEqualTo(
                ComparisonReport.SAME_WEIGHTS_TOLERANCE_POINTS);
        assertThat(Files.readString(out.resolve("report.html"))).contains("dl4j failed on lesson_cnn")
                .contains("injected failure after step 3");
        assertThat(progress).anyMatch(l -> l.startsWith("[1/2] djl-pytorch lesson_cnn: epoch 1/1"))
                .anyMatch(l -> l.startsWith("[2/2] dl4j lesson_cnn: FAILED: "));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).containsExactly(out);
        }

        assertThatThrownBy(() -> new CompareEngine(progress::add).run(request(List.of("lesson_cnn"),
                List.of("djl-pytorch"), out))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a comparison");
    }

    @Test
    void anUnknownBackendOrModelIsRefusedBeforeAnythingIsWritten() {
        Path out = dir.resolve("never");
        assertThatThrownBy(() -> new CompareEngine(l -> { }).run(request(List.of("lesson_cnn"),
                List.of("djl-pytorch", "caffe"), out))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backend 'caffe'").hasMessageContaining("available: ");
        assertThatThrownBy(() -> new CompareEngine(l -> { }).run(request(List.of("resnet19"), List.of("djl-pytorch"),
                out))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown architecture 'resnet19'");
        assertThat(dir).isEmptyDirectory();
    }
}
