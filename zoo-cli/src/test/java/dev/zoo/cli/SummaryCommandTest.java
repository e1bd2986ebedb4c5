package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCommandTest {

    @Test
    void resnet20TableSaysThePapersCount() {
        CommandRun run = CommandRun.of("summary", "resnet20", "--classes", "10");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Total params: 269,722\n").contains("stem_cifar.conv");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void resnet50JsonHasTorchvisionsCounts() throws Exception {
        CommandRun run = CommandRun.of("summary", "resnet50", "--input", "3x224x224", "--classes", "1000", "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("totalParams").asLong()).isEqualTo(25_557_032L);
        assertThat(json.get("macs").asLong()).isEqualTo(4_089_184_256L);
        assertThat(json.get("layers").size()).isGreaterThan(100);
    }

    @Test
    void optionsReachTheBuilder() {
        CommandRun b = CommandRun.of("summary", "resnet20", "--shortcut", "b");
        assertThat(b.out()).contains("Total params: 272,474").contains("stage2.block1.shortcut.conv");
        CommandRun small = CommandRun.of("summary", "vgg16", "--input", "1x28x28", "--classes", "10");
        assertThat(small.out()).contains("head_small.fc").contains("Total params: 14,718,666");
        CommandRun forced = CommandRun.of("summary", "resnet18", "--input", "3x32x32", "--head", "imagenet");
        assertThat(forced.out()).contains("stem.pool").doesNotContain("stem_cifar");
    }

    @Test
    void unknownNameExitsNonZeroListingTheZoo() {
        CommandRun run = CommandRun.of("summary", "resnet19");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("zoo summary: unknown architecture 'resnet19'; the zoo has: alexnet, vgg11")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void impossibleInputExitsNonZeroNamingTheNode() {
        CommandRun run = CommandRun.of("summary", "alexnet", "--input", "3x32x32", "--head", "imagenet");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("zoo summary: features.pool5: pool window 3 with padding 0 shrinks 1x1 input"
                + " below 1x1; alexnet with --head imagenet needs an input of at least 3x63x63\n");
    }

    @Test
    void malformedShapeSaysTheExpectedForm() {
        CommandRun run = CommandRun.of("summary", "resnet20", "--input", "3x32");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("shape '3x32': expected CxHxW (for example 3x32x32 or 1x28x28)");
    }

    @Test
    void badShortcutListsTheChoices() {
        CommandRun run = CommandRun.of("summary", "resnet20", "--shortcut", "C");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--shortcut").contains("A, B");
    }

    @Test
    void missingNameListsTheZoo() {
        CommandRun run = CommandRun.of("summary");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("give an architecture NAME").contains("resnet20");
    }

    @Test
    void aDirectoryAsFileSaysSo(@TempDir Path dir) {
        CommandRun run = CommandRun.of("summary", "--file", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("zoo summary: --file " + dir + ": is a directory;");
    }

    @Test
    void modelOptionsWithAFileAreRejectedNotIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resnet20.json");
        Files.writeString(file, CommandRun.of("arch", "resnet20").out());
        CommandRun run = CommandRun.of("summary", "--file", file.toString(), "--input", "3x64x64", "--head", "auto");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("zoo summary: --input, --head picks a form of a zoo model NAME and cannot change"
                + " an architecture file (" + file + ")");
        assertThat(CommandRun.of("summary", "--file", file.toString()).out()).contains("Total params: 269,722");
    }
}
