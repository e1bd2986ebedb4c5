package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gradient norms a training step reports equal the norms of the float64 probe's gradients. */
class DjlNetworkGradientNormsTest {

    static List<Backend> engines() {
        return List.of(new DjlPyTorchBackend(), new DjlMxnetBackend());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void stepReportsTheL2NormOfEveryTrainableGradient(Backend backend) {
        Architecture a = ModelZoo.build("resnet20", ZooOptions.of(Shape.chw(1, 8, 8), 3));
        Random random = new Random(7);
        float[] x = new float[4 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        Batch batch = new Batch(x, new int[] {0, 1, 2, 1}, 4, a.input());
        try (Network net = backend.compile(a, NetworkOptions.defaults().withPrecision(Precision.FLOAT64))) {
            assertThat(net.lastGradientNorms()).isEmpty();
            Map<String, double[]> expected = net.gradientProbe().gradients(batch);
            net.trainStep(batch, 0.1);
            Map<String, Double> norms = net.lastGradientNorms();
            assertThat(norms.keySet()).containsExactlyElementsOf(
                    a.parameters().stream().filter(ParameterSpec::trainable).map(ParameterSpec::name).toList());
            expected.forEach((name, g) -> {
                double sum = 0;
                for (double v : g) {
                    sum += v * v;
                }
                assertThat(norms.get(name)).as(name).isCloseTo(Math.sqrt(sum), within(1e-9 + 1e-6 * Math.sqrt(sum)));
            });
        }
    }
}
