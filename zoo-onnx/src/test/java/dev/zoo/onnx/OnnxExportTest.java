package dev.zoo.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.NodeInfo;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.testkit.RandomBatches;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported file's interface (names, dynamic batch) and its refusals. */
class OnnxExportTest {

    static final Architecture LESSON = ModelZoo.build("lesson_cnn", Shape.chw(3, 32, 32), 10);

    @Test
    void namedInputAndOutputWithADynamicBatch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lesson.onnx");
        Weights weights = Initializer.seeded(LESSON, 3);
        OnnxExport.write(LESSON, weights, file);
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(file)) {
            Map<String, NodeInfo> inputs = runner.inputs();
            assertThat(inputs).containsOnlyKeys("input");
            assertThat(OnnxRuntimeRunner.shape(inputs.get("input"))).containsExactly(-1, 3, 32, 32);
            assertThat(runner.outputs()).containsOnlyKeys("logits");
            assertThat(OnnxRuntimeRunner.shape(runner.outputs().get("logits"))).containsExactly(-1, 10);
            for (int size : new int[] {1, 5}) {
                Batch batch = RandomBatches.of(LESSON.input(), 10, size, size);
                assertThat(runner.logits(batch)).as("batch of %d", size).hasSize(10 * size);
            }
        }
    }

    @Test
    void aNetworkEndingInDropoutNamesItsOutputWithAnIdentity(@TempDir Path dir) throws Exception {
        Architecture a = new Architecture("tail", "", Shape.flat(4), 3,
                Sequential.of("network", Dense.of("fc", 3), new Dropout("drop", 0.5)));
        Path file = dir.resolve("tail.onnx");
        Weights weights = Initializer.seeded(a, 1);
        OnnxExport.write(a, weights, file);
        Batch batch = RandomBatches.of(a.input(), 3, 1, 1);
        float[] x = batch.images();
        float[] w = weights.get("fc.weight").data();
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(file)) {
            float[] logits = runner.logits(batch);
            for (int o = 0; o < 3; o++) {
                float expected = 0;
                for (int i = 0; i < 4; i++) {
                    expected += w[o * 4 + i] * x[i];
                }
                assertThat(logits[o]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void anUnwritablePathIsOneLineAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file.txt"), "x");
        Path target = notADirectory.resolve("model.onnx");
        assertThatThrownBy(() -> OnnxExport.write(LESSON, Initializer.seeded(LESSON, 1), target))
                .isInstanceOf(IOException.class)
                .hasMessage("ONNX model " + target + ": cannot write it: " + notADirectory + " is not a directory");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(notADirectory);
        }
    }

    @Test
    void weightsThatDoNotFitLeaveAnEarlierFileUntouched(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("model.onnx"), "earlier");
        Architecture other = ModelZoo.build("resnet20", Shape.chw(3, 32, 32), 10);
        assertThatThrownBy(() -> OnnxExport.write(LESSON, Initializer.seeded(other, 1), target))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("earlier");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void anEvenLocalResponseNormWindowIsRefusedNamingTheLayer() {
        Architecture a = new Architecture("lrn4", "", Shape.chw(8, 4, 4), 2, Sequential.of("network",
                new LocalResponseNorm("norm", 4, 1e-4, 0.75, 2), new dev.zoo.api.spec.Flatten("flatten"),
                Dense.of("fc", 2)));
        assertThatThrownBy(() -> OnnxExport.write(a, Initializer.seeded(a, 1), Path.of("unused.onnx")))
                .hasMessage("norm: ONNX export: LocalResponseNorm size must be odd (ONNX's LRN window differs"
                        + " from PyTorch's for even sizes), got 4");
    }
}
