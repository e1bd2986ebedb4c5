package dev.zoo.api.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import org.junit.jupiter.api.Test;

/** Seeded initial weights are reproducible to the bit and follow torchvision's initialisation statistics. */
class InitializerTest {

    /** A 256 -> 256 3x3 convolution (589,824 weights) and a 256 -> 1024 dense layer (262,144 weights). */
    private static final Architecture BIG = new Architecture("big", "", Shape.chw(256, 3, 3), 1024,
            Sequential.of("network", Conv2d.of("conv", 256, 3, 1, 1), BatchNorm.of("bn"), GlobalPool.avg("pool"),
                    Dense.of("fc", 1024)));

    @Test
    void theSameSeedGivesTheSameBits() {
        Weights a = Initializer.seeded(SafeTensorsTest.smallNet(), 123);
        Weights b = Initializer.seeded(SafeTensorsTest.smallNet(), 123);

        assertThat(a).isEqualTo(b);
        assertThat(a.names()).containsExactlyElementsOf(
                SafeTensorsTest.smallNet().parameters().stream().map(p -> p.name()).toList());
    }

    @Test
    void aDifferentSeedChangesEveryRandomTensorAndNoConstantOne() {
        Weights a = Initializer.seeded(SafeTensorsTest.smallNet(), 123);
        Weights b = Initializer.seeded(SafeTensorsTest.smallNet(), 124);

        assertThat(a.get("conv1.weight")).isNotEqualTo(b.get("conv1.weight"));
        assertThat(a.get("fc.weight")).isNotEqualTo(b.get("fc.weight"));
        for (String constant : new String[] {"conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean",
                "bn1.running_var", "fc.bias"}) {
            assertThat(a.get(constant)).as(constant).isEqualTo(b.get(constant));
        }
    }

    @Test
    void eachTensorDrawsFromItsOwnStreamSoAddingALayerChangesNoOther() {
        Architecture deeper = new Architecture("small", "", Shape.chw(3, 8, 8), 5, Sequential.of("network",
                Conv2d.of("conv1", 4, 3, 1, 1), BatchNorm.of("bn1"), Conv2d.of("extra", 4, 3, 1, 1),
                GlobalPool.avg("pool"), Dense.of("fc", 5)));
        Weights a = Initializer.seeded(SafeTensorsTest.smallNet(), 9);
        Weights b = Initializer.seeded(deeper, 9);

        assertThat(b.get("conv1.weight")).isEqualTo(a.get("conv1.weight"));
        assertThat(b.get("fc.weight")).isEqualTo(a.get("fc.weight"));
        assertThat(b.get("extra.weight")).isNotEqualTo(b.get("conv1.weight"));
    }

    @Test
    void convolutionKernelsAreKaimingNormalWithFanOut() {
        float[] w = Initializer.seeded(BIG, 1).get("conv.weight").data();
        double std = Math.sqrt(2.0 / (256 * 3 * 3));

        assertNormal(w, std);
    }

    @Test
    void denseKernelsAreNormalWithStd001() {
        assertNormal(Initializer.seeded(BIG, 1).get("fc.weight").data(), 0.01);
    }

    /** Mean, standard deviation and the one-sigma fraction of a normal sample, each within 5 standard errors. */
    private static void assertNormal(float[] sample, double std) {
        int n = sample.length;
        double sum = 0;
        double squares = 0;
        int withinOneSigma = 0;
        for (float v : sample) {
            sum += v;
            squares += (double) v * v;
            if (Math.abs(v) <= std) {
                withinOneSigma++;
            }
        }
        double mean = sum / n;
        double sampleStd = Math.sqrt(squares / n - mean * mean);
        assertThat(mean).isCloseTo(0, within(5 * std / Math.sqrt(n)));
        assertThat(sampleStd / std).isCloseTo(1, within(5 / Math.sqrt(2.0 * n)));
        // 68.27% of a normal lies within one sigma (a uniform with this std would give 57.7%)
        assertThat(withinOneSigma / (double) n).isCloseTo(0.6827, within(5 * Math.sqrt(0.6827 * 0.3173 / n)));
    }

    @Test
    void biasesAndBatchNormStartAtTheirNeutralValues() {
        Weights w = Initializer.seeded(BIG, 1);

        assertThat(w.get("conv.bias").data()).containsOnly(0f).hasSize(256);
        assertThat(w.get("fc.bias").data()).containsOnly(0f).hasSize(1024);
        assertThat(w.get("bn.weight").data()).containsOnly(1f).hasSize(256);
        assertThat(w.get("bn.bias").data()).containsOnly(0f);
        assertThat(w.get("bn.running_mean").data()).containsOnly(0f);
        assertThat(w.get("bn.running_var").data()).containsOnly(1f);
    }

    @Test
    void flatBatchNormIsInitialisedPerFeature() {
        Architecture mlp = new Architecture("mlp", "", Shape.chw(1, 2, 2), 3, Sequential.of("network",
                new Flatten("flat"), Dense.of("fc1", 6), BatchNorm.of("bn"), Dense.of("fc2", 3)));

        assertThat(Initializer.seeded(mlp, 0).get("bn.running_var").shape()).containsExactly(6);
    }
}
