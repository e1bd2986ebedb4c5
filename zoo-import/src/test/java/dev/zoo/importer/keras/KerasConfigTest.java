package dev.zoo.importer.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.summary.SummaryRow;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ShortcutOption;
import dev.zoo.api.zoo.ZooOptions;
import dev.zoo.importer.ImportException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Keras configs to zoo architectures: the lesson's CNN, a residual network, and what is refused. */
class KerasConfigTest {

    /** The lesson's CIFAR-100 CNN as Keras 2's model.to_json() writes it, from examples/. */
    static final Path LESSON = Path.of("../examples/keras/lesson-cnn-cifar100.json");

    @TempDir
    Path dir;

    private static Path resource(String name) {
        try {
            return Path.of(KerasConfigTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row without its name: kind, output shape, parameters, multiply-accumulates. */
    private static List<String> unnamed(Summary s) {
        return s.layers().stream().map(r -> r.type() + " " + r.outputShape() + " " + r.params() + " " + r.macs()).toList();
    }

    @Test
    void theLessonsKerasCnnSummarisesExactlyAsLessonCnn() throws IOException {
        Path out = dir.resolve("lesson.json");
        KerasImport.Result r = KerasImport.convert(LESSON, null, out, dir.resolve("unused.safetensors"));
        Summary imported = Summary.of(ArchitectureJson.read(out));
        Summary zoo = Summary.of(ModelZoo.build("lesson_cnn", Shape.chw(3, 32, 32), 100));
        assertThat(unnamed(imported)).containsExactlyElementsOf(unnamed(zoo));
        assertThat(imported.layers().stream().map(SummaryRow::params).filter(p -> p > 0).toList())
                .containsExactly(448L, 4_640L, 295_168L, 25_700L);
        assertThat(imported.totalParams()).isEqualTo(325_956L).isEqualTo(zoo.totalParams());
        assertThat(imported.macs()).isEqualTo(zoo.macs());
        assertThat(r.architecture().input()).isEqualTo(Shape.chw(3, 32, 32));
        assertThat(r.weights()).isEmpty();
        assertThat(dir.resolve("unused.safetensors")).doesNotExist();
    }

    @Test
    void aResidualKerasModelImportsToTheZoosResNetBlocks() throws IOException {
        Architecture a = KerasImport.load(resource("mini-resnet-keras3.json"), null).architecture();
        Architecture resnet20 = ModelZoo.build("resnet20", ZooOptions.of(Shape.chw(3, 32, 32), 10)
                .withShortcut(ShortcutOption.B));
        List<Layer> top = a.network().layers();
        assertThat(top).hasSize(7);
        Residual identity = (Residual) top.get(3);
        Residual projection = (Residual) top.get(4);
        assertThat(unnamed(identity)).isEqualTo(unnamed(child(resnet20, "stage1", "block1")));
        assertThat(unnamed(projection)).isEqualTo(unnamed(child(resnet20, "stage2", "block1")));
        assertThat(projection.shortcut()).isInstanceOf(Shortcut.Projection.class);
        assertThat(identity.shortcut()).isInstanceOf(Shortcut.Identity.class);
        assertThat(a.classes()).isEqualTo(10);
    }

    @Test
    void theResidualModelsWeightsLandInBodyAndShortcut() throws IOException {
        Path config = resource("mini-resnet-keras3.json");
        Architecture a = KerasImport.load(config, null).architecture();
        Path h5 = dir.resolve("mini.weights.h5");
        Map<String, float[]> written = new HashMap<>();
        try (WritableHdfFile hdf = HdfFile.write(h5)) {
            WritableGroup layers = hdf.putGroup("layers");
            float next = 0;
            for (ParameterSpec p : a.parameters()) {
                if (!p.name().endsWith(".weight") || p.shape().size() != 4 && !p.nodePath().endsWith("logits")) {
                    continue;
                }
                String keras = p.nodePath().substring(p.nodePath().lastIndexOf('.') + 1);
                WritableGroup vars = layers.putGroup(keras).putGroup("vars");
                if (p.shape().size() == 4) {
                    int o = p.shape().get(0), i = p.shape().get(1), k = p.shape().get(2);
                    float[][][][] hwio = new float[k][k][i][o];
                    hwio[k - 1][0][i - 1][o - 1] = ++next;
                    vars.putDataset("0", hwio);
                    written.put(p.name(), new float[] {next});
                } else {
                    vars.putDataset("0", new float[p.shape().get(1)][p.shape().get(0)]);
                    vars.putDataset("1", new float[p.shape().get(0)]);
                }
            }
            for (ParameterSpec p : a.parameters()) {
                if (p.name().endsWith(".running_var")) {
                    String keras = p.nodePath().substring(p.nodePath().lastIndexOf('.') + 1);
                    WritableGroup vars = layers.putGroup(keras).putGroup("vars");
                    for (int v = 0; v < 4; v++) {
                        vars.putDataset(Integer.toString(v), new float[p.shape().get(0)]);
                    }
                }
            }
        }
        Weights w = KerasImport.load(config, h5).weights().orElseThrow();
        assertThat(w.names()).contains("b2_add.shortcut.b2_proj.weight", "b2_add.b2_conv1.weight",
                "b1_add.b1_bn2.running_var", "stem_conv.weight", "logits.weight");
        for (Map.Entry<String, float[]> e : written.entrySet()) {
            Tensor t = w.get(e.getKey());
            int o = t.shape().get(0), i = t.shape().get(1), k = t.shape().get(2);
            int oihw = (((o - 1) * i + (i - 1)) * k + (k - 1)) * k;
            assertThat(t.data()[oihw]).as(e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(IntStream.range(0, t.size()).filter(j -> t.data()[j] != 0).count()).isEqualTo(1);
        }
        assertThat(written).hasSize(6);
    }

    private static Layer child(Architecture a, String stage, String block) {
        Sequential s = (Sequential) a.network().layers().stream().filter(l -> l.name().equals(stage)).findFirst()
                .orElseThrow();
        return s.layers().stream().filter(l -> l.name().equals(block)).findFirst().orElseThrow();
    }

    /** A layer's JSON form with every name taken out, to compare structure alone. */
    private static String unnamed(Layer layer) {
        Architecture wrapper = new Architecture("w", "", Shape.chw(16, 8, 8), 2, Sequential.of("network", layer,
                new GlobalPool("gap", PoolType.AVG), Dense.of("fc", 2)));
        String json = ArchitectureJson.toJson(wrapper);
        return json.replaceAll("\"name\": *\"[^\"]*\",? *", "");
    }

    /** A ZeroPadding2D layer, to insert before another layer's opening brace. */
    private static final String PAD = "{\"class_name\": \"ZeroPadding2D\", \"config\": {\"name\": \"pad\", "
            + "\"padding\": [[1, 1], [1, 1]], \"data_format\": \"channels_last\"}},\n";
    private static final String FIRST_POOL = "{\n        \"class_name\": \"MaxPooling2D\"";

    @Test
    void zeroPaddingBeforeAMaxPoolAfterAReluBecomesThePoolsPadding() throws IOException {
        Path file = edited(FIRST_POOL, PAD + FIRST_POOL, 0);
        Architecture a = KerasImport.load(file, null).architecture();
        assertThat(a.network().layers().get(2)).isEqualTo(new Pool("max_pooling2d", PoolType.MAX, 2, 2, 1));
        assertThat(a.node("conv2d_1").input()).isEqualTo(Shape.chw(16, 16, 16));
    }

    @Test
    void zeroPaddingBeforeAMaxPoolOnAMaybeNegativeInputIsRefused() throws IOException {
        Path padded = edited(FIRST_POOL, PAD + FIRST_POOL, 0);
        Files.writeString(padded, Files.readString(padded).replaceFirst("\"activation\": \"relu\"",
                "\"activation\": \"linear\""));
        assertThatThrownBy(() -> KerasImport.load(padded, null)).isInstanceOf(ImportException.class)
                .hasMessage(padded + ": layer 'pad' (ZeroPadding2D): padding is followed by MaxPooling2D 'max_pooling2d' "
                        + "on an input that may be negative; zoo pads a max pool with -infinity, equal to zeros only "
                        + "after a ReLU");
    }

    /** An edit of the lesson config (the {@code index}-th {@code from} made {@code to}) and the refusal it gives. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("dilation", "\"dilation_rate\": [\n            1,\n            1\n          ]",
                        "\"dilation_rate\": [2, 2]", 1,
                        "layer 'conv2d_1' (Conv2D): dilation_rate [2,2] is not supported; zoo's Conv2d has no dilation"),
                Arguments.of("unknown class", "\"class_name\": \"Flatten\"", "\"class_name\": \"LSTM\"", 0,
                        "layer 'flatten' (LSTM): zoo has no such layer; it imports " + KerasImport.supportedLayers()),
                Arguments.of("one-sided 'same'",
                        "\"strides\": [\n            1,\n            1\n          ],\n          \"padding\": \"valid\"",
                        "\"strides\": [2, 2], \"padding\": \"same\"", 0,
                        "layer 'conv2d' (Conv2D): padding 'same' with kernel 3 and stride 2 on a 32x32 input pads 0 "
                                + "before and 1 after; zoo pads both sides alike (use ZeroPadding2D and 'valid')"),
                Arguments.of("inner softmax", "\"activation\": \"relu\"", "\"activation\": \"softmax\"", 2,
                        "layer 'dense' (Dense): activation 'softmax' inside the network; zoo drops a softmax only at "
                                + "the output"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void whatZooCannotExpressIsRefusedNamingLayerAndAttribute(String what, String from, String to, int index,
            String message) throws IOException {
        Path file = edited(from, to, index);
        assertThatThrownBy(() -> KerasImport.load(file, null)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": " + message);
    }

    /** The lesson config with the {@code index}-th occurrence of {@code from} replaced. */
    private Path edited(String from, String to, int index) throws IOException {
        String text = Files.readString(LESSON);
        int at = -1;
        for (int i = 0; i <= index; i++) {
            at = text.indexOf(from, at + 1);
            assertThat(at).as("occurrence %d of %s", i, from).isNotNegative();
        }
        Path file = dir.resolve("edited.json");
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        return file;
    }
}
