package dev.zoo.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Weights;
import dev.zoo.testkit.RandomBatches;
import dev.zoo.testkit.SmallArchitectures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Float32 networks run batch norm on TensorFlow's fused kernel, float64 networks (whose gradients
 * the contract checks by finite differences) on mean and variance ops: the same step from the same
 * weights must give the same loss, weights, running statistics and logits within float32 rounding.
 */
class FusedBatchNormTest {

    static List<Architecture> withBatchNorm() {
        return List.of(SmallArchitectures.resLike(Shape.chw(2, 8, 8), 3), SmallArchitectures.flatLike(Shape.chw(2, 8, 8), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withBatchNorm")
    void fusedFloat32StepsLikeTheFloat64Graph(Architecture a) {
        NetworkOptions options = NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, true, 5e-4)).withSeed(5);
        Batch batch = RandomBatches.of(a.input(), a.classes(), 6, 8);
        try (Network fused = new TensorflowBackend().compile(a, options);
                Network exact = new TensorflowBackend().compile(a, options.withPrecision(Precision.FLOAT64))) {
            for (int step = 0; step < 2; step++) {
                double f = fused.trainStep(batch, 0.1);
                double e = exact.trainStep(batch, 0.1);
                assertThat(f).as("loss of step %d", step + 1).isCloseTo(e, org.assertj.core.data.Offset.offset(1e-5 + 1e-5 * e));
            }
            assertThat(differences(fused.exportWeights(), exact.exportWeights())).isEmpty();
            float[] f = fused.predict(batch);
            float[] e = exact.predict(batch);
            for (int i = 0; i < e.length; i++) {
                assertThat(f[i]).as("logit %d", i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-4f + 1e-4f * Math.abs(e[i])));
            }
        }
    }

    private static List<String> differences(Weights actual, Weights expected) {
        List<String> out = new ArrayList<>();
        for (String name : expected.names()) {
            float[] a = actual.get(name).data();
            float[] b = expected.get(name).data();
            for (int i = 0; i < b.length; i++) {
                if (!(Math.abs(a[i] - b[i]) <= 1e-5 + 1e-4 * Math.abs(b[i]))) {
                    out.add(name + "[" + i + "]: " + a[i] + " vs " + b[i]);
                }
            }
        }
        return out;
    }
}
