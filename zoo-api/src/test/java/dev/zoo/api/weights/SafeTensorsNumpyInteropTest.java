package dev.zoo.api.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written by {@link SafeTensors} is read by an independent reader (Python's json, struct and
 * numpy, {@code read_with_numpy.py}) to the same names, order, shapes, bits and metadata. Skipped
 * where {@code /usr/bin/python3} with numpy is not installed.
 */
class SafeTensorsNumpyInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void numpyReadsWhatJavaWrites(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(dir, List.of(PYTHON.toString(), "-c", "import numpy")) != null,
                "needs /usr/bin/python3 with numpy");
        Path script = dir.resolve("read_with_numpy.py");
        try (InputStream in = getClass().getResourceAsStream("read_with_numpy.py")) {
            Files.copy(in, script);
        }
        Weights weights = Initializer.seeded(SafeTensorsTest.smallNet(), 5);
        Path file = dir.resolve("small.safetensors");
        SafeTensors.write(weights, Map.of("architecture", "small"), file);

        String output = run(dir, List.of(PYTHON.toString(), script.toString(), file.toString()));

        assertThat(output).as("python output").isNotNull();
        JsonNode read = new ObjectMapper().readTree(output);
        assertThat(read.get("metadata").get("architecture").textValue()).isEqualTo("small");
        List<String> names = new ArrayList<>();
        for (JsonNode tensor : read.get("tensors")) {
            String name = tensor.get("name").textValue();
            names.add(name);
            Tensor expected = weights.get(name);
            List<Integer> shape = new ArrayList<>();
            tensor.get("shape").forEach(d -> shape.add(d.intValue()));
            assertThat(shape).as(name).isEqualTo(expected.shape());
            assertThat(tensor.get("bits").size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat((int) tensor.get("bits").get(i).longValue()).as("%s[%d]", name, i)
                        .isEqualTo(Float.floatToRawIntBits(expected.data()[i]));
            }
        }
        assertThat(names).containsExactlyElementsOf(weights.names());
    }

    /** Runs a command; its standard output, or null if it failed. */
    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        return process.exitValue() == 0 ? Files.readString(out) : null;
    }
}
