package dev.zoo.importer.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.importer.DebianPython;
import dev.zoo.importer.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State dicts written by torchvision itself ({@code torch.save} in Debian's python3-torch), imported
 * without Python and run on the zoo's PyTorch backend, give torchvision's own logits. ResNet-18 (at
 * 3x64x64) runs on every build; AlexNet and VGG-11 with batch norm need their 3x224x224 classifier
 * input and about 40 s between them, so they run under {@code -Pfull} ({@code zoo.models=all}) or
 * when {@code zoo.models} names them.
 */
class TorchvisionLogitsTest {

    /** Model, batch, input side; torchvision's ImageNet head fixes AlexNet's and VGG's side at 224. */
    private static final List<Arguments> CASES = List.of(Arguments.of("resnet18", 2, 64),
            Arguments.of("alexnet", 1, 224), Arguments.of("vgg11_bn", 1, 224));

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeStateDicts() throws Exception {
        DebianPython.assumeModules("torch, torchvision", "python3-torch python3-torchvision");
        DebianPython.runScript(TorchvisionLogitsTest.class, "torchvision_state_dicts.py", dir,
                cases().map(a -> (String) a.get()[0]).toList());
    }

    static Stream<Arguments> cases() {
        String setting = System.getProperty("zoo.models", "");
        List<String> listed = List.of(setting.split(","));
        return CASES.stream().filter(a -> a.get()[0].equals("resnet18") || setting.equals("all")
                || listed.contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0} at 3x{2}x{2}, batch {1}")
    @MethodSource("cases")
    void importedWeightsGiveTorchvisionsLogits(String model, int batch, int side) throws IOException {
        Shape input = Shape.chw(3, side, side);
        Path out = dir.resolve(model + ".safetensors");
        TorchImport.Result result = TorchImport.convert(dir.resolve(model + ".pth"), model, input, out);
        Weights written = SafeTensors.read(out);
        assertThat(written).isEqualTo(result.weights());
        float[] x = DebianPython.floats(dir.resolve(model + ".input.f32"));
        float[] expected = DebianPython.floats(dir.resolve(model + ".logits.f32"));
        assertThat(expected).hasSize(batch * 1000);
        float[] actual;
        try (Network network = Backends.get("djl-pytorch").compile(result.architecture(), NetworkOptions.defaults())) {
            network.importWeights(written);
            actual = network.predict(new Batch(x, new int[batch], batch, input));
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 + 1e-3 * Math.abs(expected[i]);
            assertThat((double) actual[i]).as("%s logit %d", model, i).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(tolerance));
        }
        if (model.equals("resnet18")) {
            assertThat(TorchImport.load(dir.resolve("resnet18.legacy.pth"), model, input).weights())
                    .as("the same state dict in the pre-1.6 stream format").isEqualTo(written);
        }
        if (model.endsWith("_bn") || model.startsWith("resnet")) {
            assertThat(result.ignored()).as("num_batches_tracked entries").isPositive();
        }
    }

    @Test
    void aTruncatedLegacyFileIsNamedAsTruncated() throws IOException {
        byte[] whole = Files.readAllBytes(dir.resolve("views.legacy.pth"));
        Path cut = Files.write(dir.resolve("cut.legacy.pth"), Arrays.copyOf(whole, whole.length - 20));
        assertThatThrownBy(() -> TorchArchive.read(cut)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(cut + ": ends inside storage ").hasMessageEndingWith("; the file is truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"views.pth", "views.legacy.pth"})
    void viewsAreReadThroughTheirOffsetsAndStrides(String file) throws IOException {
        TorchStateDict dict = TorchArchive.read(dir.resolve(file));
        float[] base = new float[24];
        for (int i = 0; i < base.length; i++) {
            base[i] = i;
        }
        assertThat(dict.floats().get("whole")).isEqualTo(Tensor.of(base, 4, 6));
        assertThat(dict.floats().get("slice")).isEqualTo(Tensor.of(new float[] {8, 9, 10, 14, 15, 16}, 2, 3));
        float[] transposed = new float[24];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 4; c++) {
                transposed[r * 4 + c] = c * 6 + r;
            }
        }
        assertThat(dict.floats().get("transposed")).isEqualTo(Tensor.of(transposed, 6, 4));
        assertThat(dict.floats().get("strided")).isEqualTo(Tensor.of(new float[] {0, 3, 12, 15}, 2, 2));
        assertThat(dict.others()).containsEntry("count", "torch.LongStorage");
        assertThat(List.copyOf(dict.floats().keySet())).containsExactly("slice", "transposed", "whole", "strided");
    }

}
