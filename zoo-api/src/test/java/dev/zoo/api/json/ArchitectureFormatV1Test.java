package dev.zoo.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files in format version 1, as {@code zoo arch NAME} wrote them before the type tags were fixed in
 * {@link TypeTags} (checked in under {@code src/test/resources/architecture-format-v1}), still load
 * to the zoo's network, and the zoo still writes them byte for byte: a renamed spec record or a
 * changed tag fails here. Between them they hold every layer and shortcut tag but LocalResponseNorm.
 */
class ArchitectureFormatV1Test {

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "resnet18", "alexnet"})
    void aVersion1FileLoadsAndIsWrittenTheSameWay(String name) throws IOException {
        String saved = resource(name);
        assertThat(ArchitectureJson.fromJson(saved, name + ".json"))
                .isEqualTo(ModelZoo.build(name, ZooOptions.defaults()));
        assertThat(ArchitectureJson.toJson(ModelZoo.build(name, ZooOptions.defaults()))).isEqualTo(saved);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ArchitectureFormatV1Test.class.getResourceAsStream("/architecture-format-v1/" + name
                + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
