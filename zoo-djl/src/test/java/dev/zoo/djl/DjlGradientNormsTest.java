package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.testkit.RandomBatches;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-tensor gradient norms a training step reports equal the norms of the float64 probe's gradients. */
class DjlGradientNormsTest {

    static List<Backend> backends() {
        return List.of(new DjlPyTorchBackend(), new DjlMxnetBackend());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void normsAfterAStepAreTheNormsOfTheGradientsOfThatBatch(Backend backend) {
        Architecture a = new Architecture("norms", "", Shape.chw(2, 5, 5), 3, Sequential.of("net",
                Conv2d.of("conv", 3, 3, 1, 1), BatchNorm.of("bn"), Activation.relu("relu"), new Flatten("flatten"),
                Dense.of("fc", 3)));
        Batch batch = RandomBatches.of(a.input(), 3, 4, 11);
        try (Network n = backend.compile(a, NetworkOptions.defaults().withPrecision(Precision.FLOAT64))) {
            assertThat(n.lastGradientNorms()).isEmpty();
            Map<String, double[]> gradients = n.gradientProbe().gradients(batch);
            n.trainStep(batch, 0.0);
            Map<String, Double> norms = n.lastGradientNorms();
            assertThat(norms.keySet()).containsExactlyElementsOf(gradients.keySet());
            gradients.forEach((name, g) -> {
                double sq = 0;
                for (double v : g) {
                    sq += v * v;
                }
                assertThat(norms.get(name)).as(name).isPositive().isCloseTo(Math.sqrt(sq), within(1e-9 * (1 + Math.sqrt(sq))));
            });
        }
    }
}
