package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo import keras|torch}: what it writes and says, and one line for a bad file. */
class ImportCommandTest {

    @TempDir
    Path dir;

    @Test
    void importsTheLessonsKerasCnn() throws IOException {
        Path out = dir.resolve("lesson.json");
        CommandRun run = CommandRun.of("import", "keras", "../examples/keras/lesson-cnn-cifar100.json", "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("wrote " + out + ": sequential, input 3x32x32, 100 classes, 325,956 parameters"
                + System.lineSeparator() + "no weights (give --weights FILE to convert them too)" + System.lineSeparator());
        assertThat(Summary.of(ArchitectureJson.read(out)).totalParams()).isEqualTo(
                Summary.of(ModelZoo.build("lesson_cnn", Shape.chw(3, 32, 32), 100)).totalParams());
        assertThat(dir.toFile().list()).containsExactly("lesson.json");
    }

    @Test
    void aTruncatedPthIsOneLineAndWritesNothing() throws IOException {
        Path pth = Files.write(dir.resolve("cut.pth"), new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        Path out = dir.resolve("w.safetensors");
        CommandRun run = CommandRun.of("import", "torch", pth.toString(), "--model", "resnet18", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("zoo import torch: " + pth + ": not a complete torch.save zip archive (")
                .hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void aModelTorchvisionLacksIsNamed() throws IOException {
        Path pth = Files.write(dir.resolve("x.pth"), new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        CommandRun run = CommandRun.of("import", "torch", pth.toString(), "--model", "resnet20", "--out",
                dir.resolve("w.safetensors").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).hasLineCount(1).contains("resnet20");
    }
}
