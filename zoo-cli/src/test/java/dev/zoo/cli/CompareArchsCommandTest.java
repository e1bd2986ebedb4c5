package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompareArchsCommandTest {

    @Test
    void oneRowPerModelWithDepthParamsAndMacs() {
        CommandRun run = CommandRun.of("compare-archs", "alexnet", "vgg16", "resnet50");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).hasSize(4);
        assertThat(run.out()).containsPattern("\\nalexnet +3x224x224 +1000 +8 +61,100,840 +714,188,480 +0\\.71\\n")
                .containsPattern("\\nvgg16 +3x224x224 +1000 +16 +138,357,544 +15,470,264,320 +15\\.47\\n")
                .containsPattern("\\nresnet50 +3x224x224 +1000 +50 +25,557,032 +4,089,184,256 +4\\.09\\n");
    }

    @Test
    void eachModelKeepsItsOwnDefaultInput() {
        CommandRun run = CommandRun.of("compare-archs", "resnet20", "plain20", "resnet18");
        assertThat(run.out()).containsPattern("\\nresnet20 +3x32x32 +10 +20 +269,722 ")
                .containsPattern("\\nplain20 +3x32x32 +10 +20 +269,722 ")
                .containsPattern("\\nresnet18 +3x224x224 +1000 +18 +11,689,512 ");
    }

    @Test
    void unknownNameFailsTheWholeComparison() {
        CommandRun run = CommandRun.of("compare-archs", "alexnet", "vgg17");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("unknown architecture 'vgg17'").contains("vgg16");
    }
}
