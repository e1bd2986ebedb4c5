package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
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
    void kerasWeightsGoNextToTheArchitectureFile() throws IOException {
        Path h5 = dir.resolve("lesson.weights.h5");
        try (WritableHdfFile hdf = HdfFile.write(h5)) {
            layer(hdf, "conv2d", new float[3][3][3][16], 16);
            layer(hdf, "conv2d_1", new float[3][3][16][32], 32);
            layer(hdf, "dense", new float[1152][256], 256);
            layer(hdf, "dense_1", new float[256][100], 100);
        }
        Path out = dir.resolve("net.json");
        CommandRun run = CommandRun.of("import", "keras", "../examples/keras/lesson-cnn-cifar100.json", "--weights",
                h5.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path weights = dir.resolve("net.safetensors");
        assertThat(run.out()).endsWith("wrote " + weights + ": 8 tensors" + System.lineSeparator());
        Weights w = SafeTensors.read(weights);
        w.check(ArchitectureJson.read(out));
        assertThat(w.get("conv2d_1.weight").shape()).containsExactly(32, 16, 3, 3);
        assertThat(w.get("dense.weight").shape()).containsExactly(256, 1152);
    }

    private static void layer(WritableHdfFile hdf, String name, Object kernel, int units) {
        WritableGroup g = hdf.putGroup(name).putGroup(name);
        g.putDataset("kernel:0", kernel);
        g.putDataset("bias:0", new float[units]);
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
