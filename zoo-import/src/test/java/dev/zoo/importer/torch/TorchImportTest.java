package dev.zoo.importer.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import dev.zoo.importer.ImportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name mapping's checks on a safetensors file with torchvision's names: all keys there, none
 * left over, shapes exact, the class count read from the file; a failure writes nothing.
 */
class TorchImportTest {

    @TempDir
    Path dir;

    /** resnet18's tensors under torchvision's names, each filled with its index so a mix-up shows. */
    private static Map<String, Tensor> torchvisionResNet18(int classes) {
        Architecture a = ModelZoo.build("resnet18", ZooOptions.defaults().withHead(HeadOption.IMAGENET)
                .withInput(Shape.chw(3, 224, 224)).withClasses(classes));
        Map<String, String> names = TorchvisionNames.of("resnet18", a);
        Map<String, Tensor> out = new LinkedHashMap<>();
        int i = 0;
        for (ParameterSpec p : a.parameters()) {
            float[] data = new float[(int) p.size()];
            java.util.Arrays.fill(data, i++);
            out.put(names.get(p.name()), new Tensor(p.shape(), data));
        }
        return out;
    }

    private Path write(Map<String, Tensor> tensors) throws IOException {
        Path file = dir.resolve("torchvision.safetensors");
        SafeTensors.write(new Weights(tensors), file);
        return file;
    }

    @Test
    void importsUnderCanonicalNamesWithTheClassCountOfTheFile() throws IOException {
        Map<String, Tensor> tensors = torchvisionResNet18(37);
        Path out = dir.resolve("out.safetensors");
        TorchImport.Result r = TorchImport.convert(write(tensors), "resnet18", Shape.chw(3, 64, 64), out);
        assertThat(r.architecture().classes()).isEqualTo(37);
        Weights w = SafeTensors.read(out);
        assertThat(w.get("stage2.block1.shortcut.bn.running_var")).isEqualTo(
                tensors.get("layer2.0.downsample.1.running_var"));
        assertThat(w.get("head.fc.weight")).isEqualTo(tensors.get("fc.weight"));
        assertThat(w.size()).isEqualTo(tensors.size());
    }

    @Test
    void aMissingKeyIsNamedAndNothingIsWritten() throws IOException {
        Map<String, Tensor> tensors = torchvisionResNet18(1000);
        tensors.remove("layer3.1.bn2.running_var");
        Path file = write(tensors);
        Path out = dir.resolve("out.safetensors");
        assertThatThrownBy(() -> TorchImport.convert(file, "resnet18", null, out)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": no tensor 'layer3.1.bn2.running_var' (for stage3.block2.bn2.running_var); "
                        + "is the file a state dict of torchvision's resnet18?");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).containsExactly("torchvision.safetensors");
    }

    @Test
    void aKeyLeftOverIsNamed() throws IOException {
        Map<String, Tensor> tensors = torchvisionResNet18(1000);
        tensors.put("layer5.0.conv1.weight", Tensor.of(new float[1], 1));
        tensors.put("aux.weight", Tensor.of(new float[1], 1));
        Path file = write(tensors);
        assertThatThrownBy(() -> TorchImport.load(file, "resnet18", null)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": key 'layer5.0.conv1.weight' has no place in torchvision's resnet18 (and 1 more);"
                        + " is the file for another model?");
    }

    @Test
    void aWrongShapeNamesBothNames() throws IOException {
        Map<String, Tensor> tensors = torchvisionResNet18(1000);
        tensors.put("layer1.0.conv1.weight", Tensor.of(new float[64 * 64], 64, 64, 1, 1));
        Path file = write(tensors);
        assertThatThrownBy(() -> TorchImport.load(file, "resnet18", null)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": 'layer1.0.conv1.weight' has shape [64, 64, 1, 1], but resnet18 at input 3x224x224"
                        + " needs [64, 64, 3, 3] for stage1.block1.conv1.weight");
    }

    @Test
    void anExistingOutputSurvivesAFailedImport() throws IOException {
        Map<String, Tensor> tensors = torchvisionResNet18(1000);
        tensors.remove("fc.bias");
        Path file = write(tensors);
        Path out = Files.writeString(dir.resolve("keep.safetensors"), "old");
        assertThatThrownBy(() -> TorchImport.convert(file, "resnet18", null, out)).isInstanceOf(ImportException.class);
        assertThat(out).hasContent("old");
    }
}
