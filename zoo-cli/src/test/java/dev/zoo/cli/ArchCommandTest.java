package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.zoo.ModelZoo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code zoo arch NAME > f} then {@code zoo summary --file f} prints exactly what {@code zoo summary NAME} prints. */
class ArchCommandTest {

    static Stream<Arguments> everyZooArchitecture() {
        return Stream.concat(ModelZoo.names().stream().map(n -> Arguments.of(n, new String[0])), Stream.of(
                Arguments.of("resnet20", new String[] {"--shortcut", "B", "--classes", "100"}),
                Arguments.of("resnet18", new String[] {"--input", "3x32x32", "--classes", "10"}),
                Arguments.of("vgg16_bn", new String[] {"--input", "1x28x28", "--classes", "10"}),
                Arguments.of("alexnet", new String[] {"--input", "3x32x32", "--classes", "10"})));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyZooArchitecture")
    void archThenSummaryFromFileEqualsSummaryByName(String name, String[] options, @TempDir Path dir)
            throws IOException {
        CommandRun arch = CommandRun.of(concat(new String[] {"arch", name}, options));
        assertThat(arch.exitCode()).as(arch.err()).isZero();
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, arch.out());

        for (String[] format : new String[][] {{}, {"--json"}}) {
            CommandRun byName = CommandRun.of(concat(concat(new String[] {"summary", name}, options), format));
            CommandRun byFile = CommandRun.of(concat(new String[] {"summary", "--file", file.toString()}, format));
            assertThat(byName.exitCode()).isZero();
            assertThat(byFile.exitCode()).as(byFile.err()).isZero();
            assertThat(byFile.out()).isEqualTo(byName.out());
        }
    }

    @Test
    void malformedFileNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\n  \"formatVersion\": 1,\n  \"name\": 7\n}\n");
        CommandRun run = CommandRun.of("summary", "--file", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("zoo summary: " + file + ":3:").doesNotContain("\tat ");
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        CommandRun run = CommandRun.of("summary", "--file", dir.resolve("nope.json").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("zoo summary: --file " + dir.resolve("nope.json") + ": no such file; give an"
                + " architecture file (write one with 'zoo arch NAME > FILE')\n");
    }

    @Test
    void nameAndFileTogetherAreRejected(@TempDir Path dir) {
        CommandRun run = CommandRun.of("summary", "resnet20", "--file", dir.resolve("a.json").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("either NAME (resnet20) or --file");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
