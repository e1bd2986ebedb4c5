package dev.zoo.importer.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo model torchvision has maps onto torchvision's state dict exactly: the same keys in the
 * same order with the same shapes, against {@code torchvision-keys.txt} (written by
 * {@code torchvision_keys.py} from Debian's python3-torchvision 0.14).
 */
class TorchvisionNamesTest {

    /** model to (key to shape), in torchvision's order. */
    private static final Map<String, Map<String, List<Integer>>> REFERENCE = reference();

    static Stream<String> models() {
        return REFERENCE.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyParameterHasTorchvisionsNameAndShape(String model) {
        Architecture a = ModelZoo.build(model, ZooOptions.defaults().withHead(HeadOption.IMAGENET)
                .withInput(Shape.chw(3, 224, 224)).withClasses(1000));
        Map<String, String> names = TorchvisionNames.of(model, a);
        Map<String, List<Integer>> ours = new LinkedHashMap<>();
        for (ParameterSpec p : a.parameters()) {
            ours.put(names.get(p.name()), p.shape());
        }
        assertThat(ours).containsExactlyEntriesOf(REFERENCE.get(model));
    }

    @Test
    void referenceCoversEveryModelTheNamesAdmit() {
        assertThat(ModelZoo.names().stream().filter(TorchvisionNames::has)).containsExactlyInAnyOrderElementsOf(
                REFERENCE.keySet());
        assertThat(REFERENCE).hasSize(14);
    }

    @Test
    void modelsTorchvisionLacksAreRefusedByName() {
        Architecture a = ModelZoo.build("resnet20", Shape.chw(3, 32, 32), 10);
        assertThatThrownBy(() -> TorchvisionNames.of("resnet20", a)).hasMessageStartingWith(
                "resnet20: torchvision has no such model; these zoo models have torchvision weights: alexnet");
    }

    private static Map<String, Map<String, List<Integer>>> reference() {
        Map<String, Map<String, List<Integer>>> out = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                TorchvisionNamesTest.class.getResourceAsStream("torchvision-keys.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                String[] f = line.split(" ");
                List<Integer> shape = new ArrayList<>(Arrays.stream(f[2].split(",")).map(Integer::valueOf).toList());
                out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], shape);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
