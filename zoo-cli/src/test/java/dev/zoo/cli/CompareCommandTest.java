package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zoo compare} refuses a bad request with one line and writes nothing. */
class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void anUnknownBackendGetsOneLineAndNoFolder() {
        Path out = dir.resolve("cmp");
        CommandRun r = CommandRun.of("compare", "lesson_cnn", "--backends", "djl-pytorch,caffe", "--dataset",
                "fashion-mnist", "--limit", "64", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("zoo compare: backend 'caffe' is not on the classpath; available: ");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anUnknownModelGetsOneLine() {
        CommandRun r = CommandRun.of("compare", "resnet19", "--dataset", "fashion-mnist", "--limit", "64", "--out",
                dir.resolve("cmp").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString().startsWith("zoo compare: unknown architecture 'resnet19'");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aFolderThatHoldsAComparisonIsLeftAlone() throws Exception {
        Path out = Files.createDirectories(dir.resolve("cmp"));
        Files.writeString(out.resolve("summary.json"), "{}");
        CommandRun r = CommandRun.of("compare", "lesson_cnn", "--backends", "djl-pytorch", "--dataset",
                "fashion-mnist", "--limit", "64", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString()
                .isEqualTo("zoo compare: --out " + out + " already holds a comparison (summary.json); choose another"
                        + " folder or remove it");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
        assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo("{}");
    }

    @Test
    void speedOnlyTimesOneModelAtATime() {
        CommandRun r = CommandRun.of("compare", "resnet20", "lesson_cnn", "--speed-only");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString()
                .isEqualTo("zoo compare: --speed-only times one model at a time, got 2: [resnet20, lesson_cnn]");
    }
}
