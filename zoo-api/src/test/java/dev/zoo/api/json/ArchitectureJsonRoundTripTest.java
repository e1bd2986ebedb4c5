package dev.zoo.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Writing an architecture and reading it back gives an equal architecture, for hand-made trees of every kind. */
class ArchitectureJsonRoundTripTest {

    /** Every layer kind, every shortcut kind, non-default values everywhere a default exists. */
    static Architecture everyKind() {
        Sequential network = Sequential.of("root",
                new Conv2d("stem", 8, 3, 2, 1, false),
                new BatchNorm("stem_bn", 1e-3, 0.01),
                new Activation("stem_act", ActivationKind.TANH),
                new LocalResponseNorm("lrn", 3, 2.5e-5, 0.5, 1.5),
                new Pool("pool", PoolType.AVG, 3, 1, 1),
                Sequential.of("features",
                        Conv2d.of("conv", 8, 3, 1, 1),
                        new Activation("act", ActivationKind.SIGMOID)),
                new Residual("same", Sequential.of("body",
                        Conv2d.of("conv1", 8, 3, 1, 1).withoutBias(), BatchNorm.of("bn1")),
                        Shortcut.identity(), null),
                new Residual("padded", Sequential.of("body",
                        new Conv2d("conv1", 12, 3, 2, 1, false), BatchNorm.of("bn1"), Activation.relu("relu1"),
                        Conv2d.of("conv2", 12, 3, 1, 1)),
                        new Shortcut.ZeroPad(2, 12), ActivationKind.RELU),
                new Residual("projected", Sequential.of("inner",
                        Conv2d.of("conv1", 16, 1, 2, 0)),
                        new Shortcut.Projection(Sequential.of("shortcut",
                                new Conv2d("conv", 16, 1, 2, 0, false), BatchNorm.of("bn"))),
                        ActivationKind.SIGMOID),
                Pool.max("maxpool", 2, 2),
                new GlobalPool("gap", PoolType.MAX),
                new Flatten("flat"),
                new Dropout("drop", 0.25),
                Dense.of("hidden", 32),
                new Dropout("no_drop", 0.0),
                new Dense("logits", 7, false));
        return new Architecture("every-kind", "all \"kinds\" — with ünïcode and a\nnewline", Shape.chw(3, 16, 16),
                7, network);
    }

    /** A flat input with batch norm over features. */
    static Architecture flatInput() {
        return new Architecture("mlp", "", Shape.flat(784), 10, Sequential.of("network",
                Dense.of("fc1", 100), BatchNorm.of("bn"), Activation.relu("relu"), Dense.of("fc2", 10)));
    }

    /** The lesson's small CNN as a user would write it in code. */
    static Architecture myCnn() {
        return new Architecture("my-cnn", "A small CNN for 32x32 colour images: two conv blocks and two dense layers",
                Shape.chw(3, 32, 32), 10, Sequential.of("network",
                Conv2d.of("conv1", 16, 3, 1, 0), Activation.relu("relu1"), Pool.max("pool1", 2, 2),
                Conv2d.of("conv2", 32, 3, 1, 0), Activation.relu("relu2"), Pool.max("pool2", 2, 2),
                new Flatten("flatten"), Dense.of("fc1", 256), Activation.relu("relu3"), new Dropout("dropout", 0.5),
                Dense.of("fc2", 10)));
    }

    static Stream<Architecture> trees() {
        return Stream.of(everyKind(), flatInput(), myCnn());
    }

    @Test
    void theHandMadeTreesCoverEveryLayerKind() {
        Set<String> kinds = new HashSet<>();
        trees().forEach(a -> a.nodes().forEach(n -> kinds.add(n.layer().kind())));
        Set<String> allKinds = new HashSet<>();
        for (Class<?> kind : Layer.class.getPermittedSubclasses()) {
            allKinds.add(kind.getSimpleName());
        }
        assertThat(kinds).containsAll(allKinds);
        assertThat(ArchitectureDecoder.LAYER_TYPES).containsExactlyInAnyOrderElementsOf(allKinds);
    }

    @ParameterizedTest
    @MethodSource("trees")
    void roundTripGivesAnEqualArchitecture(Architecture architecture) {
        String json = ArchitectureJson.toJson(architecture);

        Architecture back = ArchitectureJson.fromJson(json, "memory.json");

        assertThat(back).isEqualTo(architecture);
        assertThat(back.parameters()).isEqualTo(architecture.parameters());
        assertThat(ArchitectureJson.toJson(back)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("trees")
    void roundTripThroughAFile(Architecture architecture, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/arch.json");

        ArchitectureJson.write(architecture, file);

        assertThat(ArchitectureJson.read(file)).isEqualTo(architecture);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("arch.json");
        }
    }

    @Test
    void eachLayerIsWrittenOnOneLine() {
        String json = ArchitectureJson.toJson(myCnn());

        assertThat(json).contains("\n      {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 16, \"kernel\": 3, "
                + "\"stride\": 1, \"padding\": 0, \"bias\": true},\n");
        assertThat(json).startsWith("{\n  \"formatVersion\": 1,\n  \"name\": \"my-cnn\",");
        assertThat(json).contains("\"input\": [3, 32, 32],");
    }

    @Test
    void theExampleFileIsTheCnnWrittenInCode() throws IOException {
        Architecture fromFile = ArchitectureJson.read(Path.of("../examples/my-cnn.json"));

        assertThat(fromFile).isEqualTo(myCnn());
        assertThat(fromFile.trainableParameterCount()).isEqualTo(16 * 3 * 9 + 16 + 32 * 16 * 9 + 32
                + 256 * (32 * 6 * 6) + 256 + 10 * 256 + 10);
    }

    @Test
    void defaultsFillWhatAHandWrittenFileLeavesOut() {
        String json = """
                {
                  // comments are allowed
                  "name": "short", "input": "3x8x8", "classes": 2,
                  "network": {"layers": [
                    {"type": "Conv2d", "name": "c", "filters": 4, "kernel": 3},
                    {"type": "BatchNorm", "name": "bn"},
                    {"type": "LocalResponseNorm", "name": "lrn", "size": 5},
                    {"type": "Pool", "name": "p", "pool": "MAX", "kernel": 2},
                    {"type": "Residual", "name": "r", "body": {"layers": [{"type": "Activation", "name": "a", "function": "Relu"}]},
                     "shortcut": {"type": "Identity"}},
                    {"type": "Flatten", "name": "f"},
                    {"type": "Dense", "name": "d", "units": 2}
                  ]}
                }
                """;

        Architecture parsed = ArchitectureJson.fromJson(json, "short.json");

        Architecture expected = new Architecture("short", "", Shape.chw(3, 8, 8), 2, Sequential.of("network",
                new Conv2d("c", 4, 3, 1, 0, true), new BatchNorm("bn", 1e-5, 0.1),
                new LocalResponseNorm("lrn", 5, 1e-4, 0.75, 1.0), new Pool("p", PoolType.MAX, 2, 2, 0),
                new Residual("r", Sequential.of("body", Activation.relu("a")), Shortcut.identity(), ActivationKind.RELU),
                new Flatten("f"), new Dense("d", 2, true)));
        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.node("r.a").output()).isEqualTo(Shape.chw(4, 3, 3));
    }

    @Test
    void writingReplacesAnExistingFileWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("arch.json");
        Files.writeString(file, "x".repeat(100_000));

        ArchitectureJson.write(flatInput(), file);

        assertThat(ArchitectureJson.read(file)).isEqualTo(flatInput());
        assertThat(Files.readString(file)).isEqualTo(ArchitectureJson.toJson(flatInput()));
        assertThat(List.of(dir.toFile().list())).containsExactly("arch.json");
    }
}
