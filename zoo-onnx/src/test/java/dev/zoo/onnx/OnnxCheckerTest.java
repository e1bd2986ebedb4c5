package dev.zoo.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.CodedOutputStream;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import dev.zoo.testkit.ZooSample;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX's own checker ({@code onnx.checker.check_model} with full shape inference, from Debian's
 * {@code python3-onnx}) accepts the exported files of every model the sweep visits (the sample, or
 * all 30 under {@code -Pfull}), and reads back opset 13, the input {@code input} of shape
 * {@code [batch, C, H, W]} and the output {@code logits} of shape {@code [batch, classes]}. Runs where
 * {@code /usr/bin/python3} imports {@code onnx} ({@code .ci/run} installs it); skipped elsewhere.
 */
class OnnxCheckerTest {

    static final String PYTHON = "/usr/bin/python3";

    /** Checks every file given and prints one line per file: opset, input and output with their dims. */
    static final String CHECK = String.join("\n",
            "import sys, onnx",
            "for path in sys.argv[1:]:",
            "    onnx.checker.check_model(path, full_check=True)",
            "    m = onnx.load(path)",
            "    dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]",
            "    print(m.opset_import[0].version, m.graph.input[0].name, dims(m.graph.input[0]),",
            "          m.graph.output[0].name, dims(m.graph.output[0]))");

    @BeforeAll
    static void onnxInstalled() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import onnx")).exitCode() == 0,
                "python3-onnx is not installed (apt-get install python3-onnx)");
    }

    @Test
    void checkerAcceptsEveryExportedModel(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", CHECK));
        List<String> expected = new ArrayList<>();
        List<Architecture> architectures = new ArrayList<>();
        ZooSample.names().forEach(n -> architectures.add(OnnxExportEquivalenceTest.small(n)));
        architectures.add(ModelZoo.build("resnet18", ZooOptions.defaults()));
        for (Architecture a : architectures) {
            Path file = dir.resolve(a.name() + "-" + a.input() + ".onnx");
            OnnxExport.write(a, Initializer.seeded(a, 1), file);
            command.add(file.toString());
            expected.add("13 input ['batch', " + a.input().dims().stream().map(String::valueOf)
                    .reduce((x, y) -> x + ", " + y).orElseThrow() + "] logits ['batch', " + a.classes() + "]");
        }
        Result result = run(command);
        assertThat(result.exitCode()).as("onnx.checker: %s", result.output()).isZero();
        assertThat(result.output().lines().toList()).isEqualTo(expected);
    }

    /** The checker is not vacuous: a graph whose node reads a value nobody writes is refused. */
    @Test
    void checkerRefusesABrokenGraph(@TempDir Path dir) throws Exception {
        ProtoMessage graph = OnnxProto.graph("broken",
                List.of(OnnxProto.node("Relu", "relu", List.of("nothing"), "logits", List.of())), List.of(),
                List.of(OnnxProto.floatValue("input", java.util.Arrays.asList(null, 3L))),
                List.of(OnnxProto.floatValue("logits", java.util.Arrays.asList(null, 3L))));
        Path file = dir.resolve("broken.onnx");
        try (OutputStream out = Files.newOutputStream(file)) {
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            OnnxProto.model(graph, "broken").writeTo(coded);
            coded.flush();
        }
        Result result = run(List.of(PYTHON, "-c", CHECK, file.toString()));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("nothing");
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command.get(0));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
