package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * torchvision's own ResNet-18 state dict, imported with {@code zoo import torch} and used by
 * {@code zoo predict --model} without a run folder, gives the probabilities torchvision gives the
 * same image with its ImageNet evaluation transform. Skipped where Debian's python3-torch and
 * python3-torchvision are missing.
 */
class ImageNetPredictTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void importedTorchvisionWeightsPredictAsTorchvisionDoes() throws Exception {
        assumeThat(Files.isExecutable(PYTHON) && python("-c", "import torch, torchvision, PIL") == 0)
                .as("needs /usr/bin/python3 with torch and torchvision (apt-get install python3-torchvision)").isTrue();
        Path script = dir.resolve("imagenet_predict.py");
        try (InputStream in = getClass().getResourceAsStream("/python/imagenet_predict.py")) {
            Files.copy(in, script);
        }
        assertThat(python(script.toString(), dir.toString())).as("the Python side").isZero();

        Path weights = dir.resolve("resnet18.safetensors");
        CommandRun imported = CommandRun.of("import", "torch", dir.resolve("resnet18.pth").toString(), "--model",
                "resnet18", "--out", weights.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        Path labels = dir.resolve("labels.txt");
        StringBuilder names = new StringBuilder();
        for (int c = 0; c < 1000; c++) {
            names.append("n").append(c).append('\n');
        }
        Files.writeString(labels, names);

        CommandRun predicted = CommandRun.of("predict", "--model", "resnet18", "--weights", weights.toString(),
                "--labels", labels.toString(), "--top", "1000", dir.resolve("image.png").toString());
        assertThat(predicted.exitCode()).as(predicted.err()).isZero();
        Map<Integer, Double> zoo = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+([0-9.]+)%\\s+(\\d+)\\s+n(\\d+)$").matcher(predicted.out());
        while (m.find()) {
            assertThat(m.group(2)).isEqualTo(m.group(3));
            zoo.put(Integer.parseInt(m.group(2)), Double.parseDouble(m.group(1)) / 100);
        }
        assertThat(zoo).hasSize(1000);
        float[] torchvision = floats(dir.resolve("probabilities.f32"));
        int best = 0;
        for (int c = 0; c < 1000; c++) {
            best = torchvision[c] > torchvision[best] ? c : best;
            // the command prints percentages with two decimals
            assertThat(zoo.get(c)).as("probability of class %d", c).isCloseTo(torchvision[c],
                    org.assertj.core.data.Offset.offset(5e-5 + 1e-3 * torchvision[c]));
        }
        assertThat(predicted.out()).as("torchvision's most probable class first")
                .containsPattern("(?m)^\\s+[0-9.]+%\\s+" + best + "\\s+n" + best + "\\R(?:.*\\R)*");
        assertThat(predicted.out().lines().skip(1).findFirst().orElseThrow()).endsWith("n" + best);
    }

    @Test
    void withoutWeightsOrWithTheWrongNumberOfNamesItIsOneLine() throws IOException {
        CommandRun noWeights = CommandRun.of("predict", "--model", "resnet18", "image.png");
        assertThat(noWeights.exitCode()).isEqualTo(1);
        assertThat(noWeights.err().strip()).isEqualTo("zoo predict: --model resnet18 needs --weights FILE.safetensors"
                + " (from zoo import torch, for example)");
        Path labels = Files.writeString(dir.resolve("labels.txt"), "cat\ndog\n");
        CommandRun withLabels = CommandRun.of("predict", dir.toString(), "image.png", "--labels", labels.toString());
        assertThat(withLabels.exitCode()).isEqualTo(1);
        assertThat(withLabels.err()).contains("--labels goes with --model");
    }

    private static int python(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = PYTHON.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
