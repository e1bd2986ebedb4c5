package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    @Test
    void listsEveryArchitectureWithItsDescription() {
        CommandRun run = CommandRun.of("list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().skip(1).map(l -> l.split(" +")[0]).toList())
                .containsExactlyElementsOf(ModelZoo.names());
        assertThat(run.out()).containsPattern("\\nresnet20 +3x32x32 +10 +ResNet-20, CIFAR ResNet");
        assertThat(run.out()).containsPattern("\\nresnet50 +3x224x224 +1000 +ResNet-50");
    }
}
