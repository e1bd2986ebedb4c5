package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled networks against PyTorch 1.13 (reference numbers committed as test resources, made
 * by {@code src/test/python/reference_networks.py}): eval-mode logits, and the loss of three
 * training steps at changing learning rates plus every tensor afterwards (running statistics
 * included), for plain SGD, momentum, Nesterov (both with weight decay) and Adam.
 */
class Dl4jAgreesWithPytorchTest {

    static final double[] LRS = {0.1, 0.05, 0.02};

    static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-5 + 1e-3 * Math.abs(expected[i]);
            assertThat((double) actual[i]).as(what + "[" + i + "]").isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    private static Batch batch(ReferenceFile ref, Architecture architecture) {
        Tensor images = ref.get("batch.images");
        return new Batch(images.data(), ref.labels(), images.shape().get(0), architecture.input());
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv_stack", "residuals", "global_max"})
    void evalLogitsMatch(String name) {
        ReferenceFile ref = new ReferenceFile(name + ".txt");
        Architecture architecture = TestNetworks.byName(name);
        try (Network network = new Dl4jBackend().compile(architecture, NetworkOptions.defaults())) {
            network.importWeights(ref.weights("init"));
            assertClose(name + " logits", network.predict(batch(ref, architecture)), ref.get("eval.logits").data());
        }
    }

    // Not conv_stack with Adam: conv1's bias feeds a batch norm, so its true gradient is 0 and Adam
    // divides rounding noise by its own square root; any two engines disagree there.
    @ParameterizedTest
    @CsvSource({
        "conv_stack, sgd", "conv_stack, momentum", "conv_stack, nesterov",
        "residuals, sgd", "residuals, momentum", "residuals, nesterov", "residuals, adam",
        "global_max, sgd", "global_max, momentum", "global_max, nesterov", "global_max, adam"})
    void threeTrainingStepsMatch(String name, String optimizer) {
        ReferenceFile ref = new ReferenceFile(name + ".txt");
        Architecture architecture = TestNetworks.byName(name);
        Optimizer config = switch (optimizer) {
            case "sgd" -> Optimizer.Sgd.plain();
            case "momentum" -> new Optimizer.Sgd(0.9, false, 5e-4);
            case "nesterov" -> new Optimizer.Sgd(0.9, true, 1e-3);
            default -> new Optimizer.Adam(0.9, 0.999, 1e-8, 1e-4);
        };
        double scale = optimizer.equals("adam") ? 0.1 : 1.0;
        try (Network network = new Dl4jBackend().compile(architecture, NetworkOptions.defaults().withOptimizer(config))) {
            network.importWeights(ref.weights("init"));
            float[] losses = new float[LRS.length];
            for (int i = 0; i < LRS.length; i++) {
                losses[i] = (float) network.trainStep(batch(ref, architecture), LRS[i] * scale);
            }
            assertClose(optimizer + " losses", losses, ref.get(optimizer + ".losses").data());
            Weights after = network.exportWeights();
            Weights expected = ref.weights(optimizer + ".after");
            assertThat(after.names()).containsExactlyElementsOf(expected.names());
            for (String tensor : expected.names()) {
                assertClose(optimizer + " " + tensor, after.get(tensor).data(), expected.get(tensor).data());
            }
        }
    }
}
