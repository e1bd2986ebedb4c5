package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forward pass of the layers DJL does not ship as blocks, and the batch-norm momentum
 * convention, against values computed by hand on both engines.
 */
class DjlCompilerTest {

    static Stream<Backend> backends() {
        return Stream.of(new DjlPyTorchBackend(), new DjlMxnetBackend());
    }

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(1.7 * i + 0.3) * 2f;
        }
        return x;
    }

    private static float[] forward(Backend backend, Architecture a, float[] x) {
        try (Network network = backend.compile(a, NetworkOptions.defaults())) {
            return network.predict(new Batch(x, new int[] {0}, 1, a.input()));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void localResponseNormFollowsPyTorchsDefinition(Backend backend) {
        LocalResponseNorm lrn = new LocalResponseNorm("lrn", 3, 0.5, 0.75, 2.0);
        Architecture a = new Architecture("lrn", "", Shape.chw(6, 1, 1), 6,
                Sequential.of("net", lrn, new Flatten("flat")));
        float[] x = ramp(6);
        float[] y = forward(backend, a, x);
        for (int c = 0; c < 6; c++) {
            double sum = 0;
            for (int j = c - 1; j <= c + 1; j++) {
                sum += j >= 0 && j < 6 ? x[j] * x[j] : 0;
            }
            assertThat(y[c]).as("channel %d", c).isCloseTo((float) (x[c] / Math.pow(2.0 + 0.5 / 3 * sum, 0.75)),
                    within(1e-5f));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void averagePoolingCountsPaddedZeros(Backend backend) {
        Architecture a = new Architecture("avg", "", Shape.chw(1, 3, 3), 4,
                Sequential.of("net", new Pool("pool", PoolType.AVG, 3, 2, 1), new Flatten("flat")));
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(forward(backend, a, x)).containsExactly(new float[] {12 / 9f, 16 / 9f, 24 / 9f, 28 / 9f},
                within(1e-6f));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void overlappingMaxPoolingIgnoresPadding(Backend backend) {
        Architecture a = new Architecture("max", "", Shape.chw(1, 3, 3), 4,
                Sequential.of("net", new Pool("pool", PoolType.MAX, 3, 2, 1), new Flatten("flat")));
        float[] x = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
        assertThat(forward(backend, a, x)).containsExactly(-1, -2, -4, -5);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void zeroPadShortcutSubsamplesAndAppendsZeroChannels(Backend backend) {
        Sequential body = Sequential.of("body", new Conv2d("conv", 4, 1, 2, 0, false));
        Architecture a = new Architecture("optionA", "", Shape.chw(2, 3, 3), 16, Sequential.of("net",
                new Residual("block", body, new Shortcut.ZeroPad(2, 4), ActivationKind.RELU), new Flatten("flat")));
        float[] x = ramp(18);
        float[] y;
        try (Network network = backend.compile(a, NetworkOptions.defaults())) {
            network.importWeights(new Weights(Map.of("block.conv.weight", Tensor.of(new float[8], 4, 2, 1, 1))));
            y = network.predict(new Batch(x, new int[] {0}, 1, a.input()));
        }
        float[] expected = new float[16];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    expected[c * 4 + i * 2 + j] = Math.max(0, x[c * 9 + 2 * i * 3 + 2 * j]);
                }
            }
        }
        assertThat(y).containsExactly(expected);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void batchNormRunningMeanUsesPyTorchsMomentum(Backend backend) {
        Architecture a = new Architecture("bn", "", Shape.flat(2), 2,
                Sequential.of("net", BatchNorm.of("bn"), new Dense("fc", 2, false)));
        float[] x = {1, 10, 3, 20, 8, 30, 4, 40};
        try (Network network = backend.compile(a, NetworkOptions.defaults())) {
            network.trainStep(new Batch(x, new int[] {0, 1, 0, 1}, 4, a.input()), 0.0);
            Weights w = network.exportWeights();
            assertThat(w.get("bn.running_mean").data()).containsExactly(new float[] {0.1f * 4f, 0.1f * 25f},
                    within(1e-5f));
            float[] var = w.get("bn.running_var").data();
            // PyTorch folds the unbiased batch variance (26/3 and 500/3) into the running value;
            // MXNet's kernel folds the biased one, which ExactBatchNorm corrects.
            assertThat(var).containsExactly(new float[] {0.9f + 0.1f * 26f / 3f, 0.9f + 0.1f * 500f / 3f},
                    within(1e-5f));
        }
    }

}
