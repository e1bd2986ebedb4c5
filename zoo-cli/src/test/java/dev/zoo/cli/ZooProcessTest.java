package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zoo command in its own JVM, as a user runs it: only there do the engines' native libraries
 * write to the real stderr. It must hold progress and errors, never a warning the user cannot act on.
 */
class ZooProcessTest {

    private static final Path IMAGE = Path.of("../examples/images/fashion-test-0-ankle-boot.png");

    @TempDir
    Path dir;

    private record Result(int exitCode, List<String> out, List<String> err) {
    }

    private Result zoo(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), ZooCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("TORCH_CPP_LOG_LEVEL");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("zoo %s finished", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }

    @Test
    void trainingShowsOnlyProgressAndPredictingNamesTheBadImageOnOneLine() throws Exception {
        Path run = dir.resolve("run");
        Result train = zoo("train", "lesson_cnn", "--dataset", "fashion-mnist", "--epochs", "1", "--limit", "256",
                "--batch-size", "64", "--out", run.toString());

        assertThat(train.exitCode()).as("train: %s", train.err()).isZero();
        assertThat(train.err()).isNotEmpty().allMatch(line -> line.startsWith("training ") || line.startsWith("epoch "));
        assertThat(Files.readString(run.resolve("report.html"))).contains("data:image/png;base64,");

        Path bad = Files.writeString(dir.resolve("notes.png"), "not an image");
        Result predict = zoo("predict", run.toString(), IMAGE.toString(), bad.toString());

        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.out()).hasSize(6).first().isEqualTo(IMAGE.toString());
        assertThat(predict.err()).singleElement().asString()
                .startsWith("zoo predict: image " + bad + ": not a PNG or JPEG image");
    }

    @Test
    void aFailingCommandPrintsItsErrorAndNothingElse() throws Exception {
        Result r = zoo("train", "lesson_cnn", "--dataset", "fashion-mnist", "--limit", "64", "--device", "gpu",
                "--out", dir.resolve("gpu-run").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).singleElement().asString().startsWith("zoo train: djl-pytorch: device gpu was asked for");
        assertThat(dir.resolve("gpu-run")).doesNotExist();
    }

    @Test
    void noCommandIsAUsageError() throws Exception {
        Result r = zoo();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).first().isEqualTo("zoo: give a command");
        assertThat(r.err()).anyMatch(line -> line.startsWith("Usage: zoo"));
    }
}
