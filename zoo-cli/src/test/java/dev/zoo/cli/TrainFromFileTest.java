package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.json.ArchitectureJson;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The architecture travels with the run: {@code zoo train --file} on a copy of
 * {@code examples/my-cnn.json} (3x32x32, 10 classes) with a small image folder on
 * {@code djl-pytorch}, stopped early; the copy is deleted; then {@code --resume}, {@code eval},
 * {@code predict} and {@code export onnx} work from the run folder alone.
 */
class TrainFromFileTest {

    @TempDir
    static Path dir;

    static Path images;

    /** Ten classes of 32x32 RGB images, each class its own colour with noise; train and test splits. */
    @BeforeAll
    static void imageFolder() throws Exception {
        images = dir.resolve("colours");
        Random random = new Random(5);
        for (String split : new String[] {"train", "test"}) {
            for (int c = 0; c < 10; c++) {
                Path classDir = Files.createDirectories(images.resolve(split).resolve("class" + c));
                for (int i = 0; i < 4; i++) {
                    BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            int r = Math.min(255, 25 * c + random.nextInt(20));
                            int g = Math.min(255, 250 - 25 * c + random.nextInt(5));
                            img.setRGB(x, y, (r << 16) | (g << 8) | random.nextInt(255));
                        }
                    }
                    ImageIO.write(img, "png", classDir.resolve(i + ".png").toFile());
                }
            }
        }
    }

    @Test
    void evalPredictResumeAndExportWorkAfterTheArchitectureFileIsDeleted() throws Exception {
        Path file = Files.copy(Path.of("../examples/my-cnn.json"), dir.resolve("my-cnn.json"));
        Path run = dir.resolve("run");
        CommandRun train = CommandRun.of("train", "--file", file.toString(), "--dataset", "folder:" + images,
                "--backend", "djl-pytorch", "--epochs", "2", "--batch-size", "8", "--max-steps", "3", "--out",
                run.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).contains("stopped at step 3");
        assertThat(ArchitectureJson.read(run.resolve("architecture.json"))).isEqualTo(ArchitectureJson.read(file));
        Files.delete(file);

        CommandRun resume = CommandRun.of("train", "--resume", run.toString());
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("test: loss").doesNotContain("stopped at step");

        CommandRun eval = CommandRun.of("eval", run.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("images 40");

        Path image;
        try (Stream<Path> pngs = Files.list(images.resolve("test/class3"))) {
            image = pngs.findFirst().orElseThrow();
        }
        CommandRun predict = CommandRun.of("predict", run.toString(), image.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).startsWith(image.toString()).contains("class");

        Path onnx = dir.resolve("my-cnn.onnx");
        CommandRun export = CommandRun.of("export", "onnx", run.toString(), "--out", onnx.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).startsWith(onnx + ": my-cnn, input 'input' [batch, 3, 32, 32], output 'logits'"
                + " [batch, 10]");
        assertThat(Files.size(onnx)).isGreaterThan(4L * 300_000);
    }

    @Test
    void exportingToAnUnwritablePathIsOneLineAndWritesNothing() throws Exception {
        Path file = Files.copy(Path.of("../examples/my-cnn.json"), dir.resolve("small.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path run = dir.resolve("small-run");
        assertThat(CommandRun.of("train", "--file", file.toString(), "--dataset", "folder:" + images, "--epochs", "1",
                "--batch-size", "40", "--out", run.toString()).exitCode()).isZero();
        Path notADirectory = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = notADirectory.resolve("model.onnx");
        CommandRun export = CommandRun.of("export", "onnx", run.toString(), "--out", target.toString());
        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err().strip()).isEqualTo("zoo export onnx: ONNX model " + target + ": cannot write it: "
                + notADirectory + " is not a directory");
        assertThat(export.out()).isEmpty();
    }
}
