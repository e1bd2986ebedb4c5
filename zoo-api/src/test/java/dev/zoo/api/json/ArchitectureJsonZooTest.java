package dev.zoo.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ShortcutOption;
import dev.zoo.api.zoo.ZooOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo architecture survives the trip to JSON and back unchanged: what {@code ./zoo arch NAME}
 * writes, {@code ./zoo summary --file} reads as the same network.
 */
class ArchitectureJsonZooTest {

    static Stream<Arguments> zoo() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : ModelZoo.names()) {
            cases.add(Arguments.of(name, ZooOptions.defaults()));
            cases.add(Arguments.of(name, ZooOptions.of(Shape.chw(3, 32, 32), 100)));
            if (name.startsWith("resnet")) {
                cases.add(Arguments.of(name, ZooOptions.defaults().withShortcut(ShortcutOption.A)));
                cases.add(Arguments.of(name, ZooOptions.defaults().withShortcut(ShortcutOption.B)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("zoo")
    void everyZooArchitectureRoundTrips(String name, ZooOptions options) {
        Architecture architecture = ModelZoo.build(name, options);

        String json = ArchitectureJson.toJson(architecture);
        Architecture back = ArchitectureJson.fromJson(json, name + ".json");

        assertThat(back).isEqualTo(architecture);
        assertThat(back.parameters()).isEqualTo(architecture.parameters());
        assertThat(ArchitectureJson.toJson(back)).isEqualTo(json);
    }
}
