package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder keeps the architecture it trained; older folders rebuild theirs from the zoo name. */
class RunFolderTest {

    @TempDir
    Path dir;

    static RunInfo info(String model) {
        return new RunInfo(model, "djl-pytorch", "fashion-mnist", Map.of(), Shape.chw(1, 28, 28),
                List.of("a", "b", "c"), TrainingConfig.builder().build());
    }

    @Test
    void theStoredArchitectureIsTheOneReadBack() {
        RunFolder folder = new RunFolder(dir);
        Architecture custom = SoftmaxRegressionBackend.architecture();
        folder.writeArchitecture(custom);
        assertThat(folder.storedArchitecture()).contains(custom);
        assertThat(folder.readArchitecture(info("lesson_cnn"))).as("the file wins over the zoo name").isEqualTo(custom);
    }

    @Test
    void aFolderWithoutArchitectureJsonRebuildsTheZooModelItNames() {
        RunFolder folder = new RunFolder(dir);
        folder.writeInfo(info("lesson_cnn"));
        assertThat(folder.storedArchitecture()).isEmpty();
        assertThat(folder.readArchitecture(folder.readInfo()))
                .isEqualTo(ModelZoo.build("lesson_cnn", Shape.chw(1, 28, 28), 3));
    }

    @Test
    void aFolderWithNeitherSaysWhy() {
        RunFolder folder = new RunFolder(dir);
        assertThatThrownBy(() -> folder.readArchitecture(info("my-cnn"))).hasMessage("run folder " + dir
                + ": no architecture.json, and the model 'my-cnn' in run.json is not a zoo model, so the network"
                + " cannot be rebuilt");
    }

    @Test
    void aMalformedArchitectureJsonNamesTheFolderAndTheField() throws Exception {
        Files.writeString(dir.resolve("architecture.json"), "{\"name\": \"x\"}");
        assertThatThrownBy(() -> new RunFolder(dir).storedArchitecture())
                .hasMessageContaining("architecture.json").hasMessageContaining("missing field 'input'");
    }
}
