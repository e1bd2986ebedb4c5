package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch norm uses the spec's epsilon as the exact double: a feature whose batch variance (2.4e-7)
 * is far below epsilon makes the float64 loss depend on epsilon's last digits, so DJL's
 * float-widened {@code 9.99999974738e-06} missed the hand-computed loss by 5e-9.
 */
class ExactBatchNormTest {

    static final double EPSILON = 1e-5;
    static final float NEAR = 1f / 1024;
    static final float[][] W = {{3f, 0.5f}, {-2f, 1f}};

    static Stream<Backend> backends() {
        return Stream.of(new DjlPyTorchBackend(), new DjlMxnetBackend());
    }

    /** Mean softmax cross-entropy, in double, of batch norm (gamma 1, beta 0) then a dense layer. */
    static double expectedLoss(float[][] x, int[] labels) {
        int n = x.length;
        double[][] y = new double[n][2];
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            for (float[] row : x) {
                mean += row[j] / (double) n;
            }
            double variance = 0;
            for (float[] row : x) {
                variance += (row[j] - mean) * (row[j] - mean) / n;
            }
            for (int i = 0; i < n; i++) {
                y[i][j] = (x[i][j] - mean) / Math.sqrt(variance + EPSILON);
            }
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double[] logits = new double[2];
            for (int k = 0; k < 2; k++) {
                logits[k] = W[k][0] * y[i][0] + W[k][1] * y[i][1];
            }
            double max = Math.max(logits[0], logits[1]);
            double logSum = max + Math.log(Math.exp(logits[0] - max) + Math.exp(logits[1] - max));
            loss += (logSum - logits[labels[i]]) / n;
        }
        return loss;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainingModeUsesTheExactEpsilon(Backend backend) {
        BatchNorm bn = BatchNorm.of("bn");
        assertThat(bn.epsilon()).isEqualTo(EPSILON);
        Architecture a = new Architecture("bn", "", Shape.flat(2), 2,
                Sequential.of("net", bn, new Dense("fc", 2, false)));
        float[][] x = {{1f, 0f}, {1f + NEAR, 1f}};
        int[] labels = {0, 1};
        Weights weights = new Weights(Map.of(
                "bn.weight", Tensor.of(new float[] {1, 1}, 2), "bn.bias", Tensor.of(new float[2], 2),
                "bn.running_mean", Tensor.of(new float[2], 2), "bn.running_var", Tensor.of(new float[] {1, 1}, 2),
                "fc.weight", Tensor.of(new float[] {W[0][0], W[0][1], W[1][0], W[1][1]}, 2, 2)));
        try (Network network = backend.compile(a, NetworkOptions.defaults().withPrecision(Precision.FLOAT64))) {
            network.importWeights(weights);
            double loss = network.gradientProbe().loss(new Batch(new float[] {x[0][0], x[0][1], x[1][0], x[1][1]},
                    labels, 2, a.input()));
            assertThat(loss).isCloseTo(expectedLoss(x, labels), within(1e-12));
        }
    }

    /**
     * The running statistics a training pass moves are put back when its loss is not finite: here
     * from a finite batch, through a dense layer whose logits overflow, which on MXNet too reaches
     * the forward and backward passes (a NaN input is refused before them). At float32, where weights
     * of 3e38 overflow.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void aStepWhoseLossOverflowsLeavesTheRunningStatisticsAsTheyWere(Backend backend) {
        Architecture a = new Architecture("bn", "", Shape.flat(2), 2,
                Sequential.of("net", BatchNorm.of("bn"), new Dense("fc", 2, false)));
        Weights weights = new Weights(Map.of(
                "bn.weight", Tensor.of(new float[] {1, 1}, 2), "bn.bias", Tensor.of(new float[2], 2),
                "bn.running_mean", Tensor.of(new float[] {0.5f, -2f}, 2),
                "bn.running_var", Tensor.of(new float[] {3f, 0.25f}, 2),
                "fc.weight", Tensor.of(new float[] {3e38f, 3e38f, -3e38f, -3e38f}, 2, 2)));
        Batch batch = new Batch(new float[] {1, 10, 3, 20, 8, 30, 4, 40}, new int[] {1, 1, 1, 1}, 4, a.input());
        try (Network network = backend.compile(a, NetworkOptions.defaults())) {
            network.importWeights(weights);
            assertThat(network.trainStep(batch, 0.1)).isNaN();
            assertThat(network.exportWeights().get("bn.running_mean").data()).containsExactly(0.5f, -2f);
            assertThat(network.exportWeights().get("bn.running_var").data()).containsExactly(3f, 0.25f);
            assertThat(network.exportWeights().get("fc.weight").data()).containsExactly(3e38f, 3e38f, -3e38f, -3e38f);
        }
    }

    /** PyTorch's running variance, with the unbiased batch variance, at both precisions on both engines. */
    @ParameterizedTest
    @MethodSource("backends")
    void theRunningVarianceFoldsInTheUnbiasedBatchVariance(Backend backend) {
        Architecture a = new Architecture("bn", "", Shape.flat(2), 2,
                Sequential.of("net", BatchNorm.of("bn"), new Dense("fc", 2, false)));
        Batch batch = new Batch(new float[] {1, 10, 3, 20, 8, 30, 4, 40}, new int[] {0, 1, 0, 1}, 4, a.input());
        for (Precision precision : Precision.values()) {
            try (Network network = backend.compile(a, NetworkOptions.defaults().withPrecision(precision))) {
                network.trainStep(batch, 0.0);
                network.trainStep(batch, 0.0);
                // two steps from (0, 1): r1 = 0.9 + 0.1 v, r2 = 0.9 r1 + 0.1 v, v = 26/3 and 500/3
                double[] v = {26.0 / 3, 500.0 / 3};
                float[] var = network.exportWeights().get("bn.running_var").data();
                for (int c = 0; c < 2; c++) {
                    double expected = 0.9 * (0.9 + 0.1 * v[c]) + 0.1 * v[c];
                    assertThat((double) var[c]).as("channel %d at %s", c, precision)
                            .isCloseTo(expected, within(1e-6 * expected));
                }
            }
        }
    }
}
