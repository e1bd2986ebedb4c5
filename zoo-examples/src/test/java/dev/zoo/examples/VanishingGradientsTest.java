package dev.zoo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three steps of plain20 against resnet20 (the backends' own tests check the norms against float64 gradients). */
class VanishingGradientsTest {

    @TempDir
    static Path dir;

    private static VanishingGradients tiny(String backend) {
        VanishingGradients lesson = new VanishingGradients();
        lesson.chart = dir.resolve(backend + "-norms.png");
        lesson.common = LessonOptions.of(backend, "fashion-mnist", null, 42);
        lesson.steps = 3;
        lesson.batch = 4;
        lesson.normSteps = 2;
        lesson.testLimit = 16;
        return lesson;
    }

    @Test
    void recordsPerLayerGradientNormsAndLossCurvesOfBothNets() throws Exception {
        Printout out = new Printout();

        VanishingGradients.Result r = tiny("djl-pytorch").run(out.stream());

        assertThat(r.plain().model()).isEqualTo("plain20");
        assertThat(r.residual().model()).isEqualTo("resnet20");
        // 19 convolutions and the classifier, input to output
        assertThat(r.weightTensors()).hasSize(20).startsWith("stem_cifar.conv.weight", "stage1.block1.conv1.weight")
                .endsWith("stage3.block3.conv2.weight", "head.fc.weight");
        for (VanishingGradients.Arm arm : new VanishingGradients.Arm[] {r.plain(), r.residual()}) {
            assertThat(arm.norms().byStep()).containsOnlyKeys(0L, 1L);
            Map<String, Double> step1 = arm.norms().byStep().get(0L);
            assertThat(step1).containsKeys(r.weightTensors().toArray(String[]::new))
                    .containsKeys("stage2.block1.bn1.weight", "head.fc.bias");
            assertThat(step1.values()).allSatisfy(v -> assertThat(v).isFinite().isGreaterThanOrEqualTo(0.0));
            assertThat(arm.norms().mean("stem_cifar.conv.weight")).isFinite().isPositive();
            assertThat(arm.outcome().result().stepLosses()).hasSize(3).allSatisfy(l -> assertThat(l).isFinite().isPositive());
            assertThat(arm.outcome().evaluation().examples()).isEqualTo(16);
        }
        assertThat(r.earlyToLate(r.plain())).isFinite().isPositive();
        assertThat(out.text()).contains("stage2.block3.conv2.weight", "Training loss", "Measured: after 3 steps")
                .contains("Chart of the gradient norms by layer: " + dir.resolve("djl-pytorch-norms.png"));
        assertThat(ImageIO.read(dir.resolve("djl-pytorch-norms.png").toFile())).isNotNull();
        // each network shows its steps as it trains, not only its result
        assertThat(out.text().split("training resnet20")[0]).contains("  step 1/3: loss ", "  step 3/3: loss ");
        assertThat(out.text().split("training resnet20")[1]).contains("  step 1/3: loss ", "  step 3/3: loss ");
    }

    @Test
    void unknownBackendIsNamedWithTheAvailableOnes() {
        assertThatThrownBy(() -> tiny("tensorflw").run(new Printout().stream()))
                .hasMessageContaining("backend 'tensorflw'").hasMessageContaining("djl-pytorch").hasMessageContaining("dl4j");
    }

    @Test
    void verdictNamesVanishingExplodingOrNoGap() {
        assertThat(VanishingGradients.balance(1.0, 4.0)).contains("4.0x less gradient (vanishing)");
        assertThat(VanishingGradients.balance(292.0, 4.0)).contains("73.0x more towards the input (exploding");
        assertThat(VanishingGradients.balance(9.0, 6.4)).startsWith("no gap");
    }

    @Test
    void zeroStepsIsRejectedBeforeAnyTraining() {
        VanishingGradients lesson = tiny("djl-pytorch");
        lesson.steps = 0;
        assertThatThrownBy(() -> lesson.run(new Printout().stream())).hasMessage("--steps must be >= 1, got 0");
    }
}
