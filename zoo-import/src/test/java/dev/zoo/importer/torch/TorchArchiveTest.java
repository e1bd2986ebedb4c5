package dev.zoo.importer.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.weights.Tensor;
import dev.zoo.importer.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading torch.save archives written by hand: the good case, and each way a file can be bad. */
class TorchArchiveTest {

    private static final String REBUILD = "torch._utils\n_rebuild_tensor_v2";

    @TempDir
    Path dir;

    private static Map<String, float[]> tensors() {
        Map<String, float[]> t = new LinkedHashMap<>();
        t.put("fc.weight", new float[] {1.5f, -2f, 3f});
        t.put("fc.bias", new float[] {0.25f, 7f});
        return t;
    }

    @Test
    void readsTensorsInTheFilesOrder() throws IOException {
        Path file = dir.resolve("ok.pth");
        TorchPickles.write(file, TorchPickles.stateDict(tensors(), REBUILD), tensors());
        TorchStateDict dict = TorchArchive.read(file);
        assertThat(dict.floats()).containsExactly(Map.entry("fc.weight", Tensor.of(new float[] {1.5f, -2f, 3f}, 3)),
                Map.entry("fc.bias", Tensor.of(new float[] {0.25f, 7f}, 2)));
    }

    @Test
    void tensorsOfPyTorchBefore04AreReadToo() throws IOException {
        Path file = dir.resolve("old.pth");
        TorchPickles.write(file, TorchPickles.stateDict(tensors(), "torch._utils\n_rebuild_tensor"), tensors());
        assertThat(TorchArchive.read(file).floats().get("fc.bias")).isEqualTo(Tensor.of(new float[] {0.25f, 7f}, 2));
    }

    @Test
    void aTruncatedFileIsNamedAsTruncated() throws IOException {
        Path whole = dir.resolve("whole.pth");
        TorchPickles.write(whole, TorchPickles.stateDict(tensors(), REBUILD), tensors());
        byte[] bytes = Files.readAllBytes(whole);
        Path file = Files.write(dir.resolve("cut.pth"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> TorchArchive.read(file)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(file + ": not a complete torch.save zip archive (")
                .hasMessageContaining("it is truncated").hasMessageNotContaining("\n");
    }

    @Test
    void aPickleNamingAnUnknownClassIsRefusedBeforeAnythingIsBuilt() throws IOException {
        Path file = dir.resolve("evil.pth");
        TorchPickles.write(file, TorchPickles.stateDict(tensors(), "os\nsystem"), tensors());
        assertThatThrownBy(() -> TorchArchive.read(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": the pickle names the class os.system, which is not part of a state dict; "
                        + "save model.state_dict() (tensors only), not the model");
    }

    @Test
    void aStorageShorterThanItsTensorNamesTheKey() throws IOException {
        Path file = dir.resolve("short.pth");
        Map<String, float[]> stored = tensors();
        stored.put("fc.bias", new float[] {0.25f});
        TorchPickles.write(file, TorchPickles.stateDict(tensors(), REBUILD), stored);
        assertThatThrownBy(() -> TorchArchive.read(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": tensor 'fc.bias': entry archive/data/1 holds 4 bytes, its storage needs 8 "
                        + "(2 x torch.FloatStorage)");
    }

    @Test
    void aCheckpointDictIsNamedAsOne() throws IOException {
        Path file = dir.resolve("checkpoint.pth");
        TorchPickles.write(file, TorchPickles.nested("state_dict"), Map.of());
        assertThatThrownBy(() -> TorchArchive.read(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": key 'state_dict' holds a dict, not a tensor; a state dict maps names to tensors "
                        + "(for a checkpoint dict, save its model.state_dict() alone)");
    }

    @Test
    void aFileThatIsNeitherFormatSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("text.pth"), "not a zip");
        assertThatThrownBy(() -> TorchArchive.read(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": not a torch.save file (neither a zip archive nor a pickle stream)");
    }

    @Test
    void aPickleWithoutTorchsMagicNumberIsNotTakenForALegacyFile() throws IOException {
        Path file = Files.write(dir.resolve("plain.pkl"), new byte[] {(byte) 0x80, 2, 'K', 7, '.'});
        assertThatThrownBy(() -> TorchArchive.read(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": a pickle, but not a torch.save file (no torch magic number)");
    }
}
