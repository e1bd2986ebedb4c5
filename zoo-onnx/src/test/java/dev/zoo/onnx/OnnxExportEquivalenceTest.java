package dev.zoo.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import dev.zoo.testkit.RandomBatches;
import dev.zoo.testkit.ZooSample;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo model at its default input (ImageNet models at 3x224x224 with 1,000 classes), exported
 * to ONNX and run in ONNX Runtime, gives PyTorch's evaluation-mode logits (through
 * {@code djl-pytorch}) within {@code |a - b| <= 1e-5 + 1e-3 |b|}. Batch-norm statistics, scales,
 * shifts and biases are drawn away from their initial values so that the inference form of batch
 * norm is exercised. The representative sample in {@code ./mvnw verify}, all 30 models under
 * {@code -Pfull}.
 */
class OnnxExportEquivalenceTest {

    static final String REFERENCE = "djl-pytorch";
    static final long SEED = 20_261_201L;

    static Stream<String> models() {
        return ZooSample.names().stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void onnxRuntimeGivesPyTorchsLogits(String name, @TempDir Path dir) throws Exception {
        Architecture architecture = ModelZoo.build(name, ZooOptions.defaults());
        Weights weights = trained(architecture, SEED);
        Batch batch = RandomBatches.of(architecture.input(), architecture.classes(), 2, SEED);
        float[] expected;
        try (Network network = Backends.get(REFERENCE).compile(architecture, NetworkOptions.defaults())) {
            network.importWeights(weights);
            expected = network.predict(batch);
        }
        Path file = dir.resolve(name + ".onnx");
        OnnxExport.write(architecture, weights, file);
        float[] actual;
        try (OnnxRuntimeRunner runner = new OnnxRuntimeRunner(file)) {
            actual = runner.logits(batch);
        }
        assertThat(actual).as("%s: ONNX Runtime logits", name).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            float a = actual[i];
            float b = expected[i];
            assertThat(Math.abs(a - b) <= 1e-5 + 1e-3 * Math.abs(b))
                    .as("%s: logit %d of example %d: ONNX Runtime %s, PyTorch %s", name, i % architecture.classes(),
                            i / architecture.classes(), a, b)
                    .isTrue();
        }
    }

    /**
     * Seeded start weights with every batch norm moved off the identity (running mean about
     * N(0, 0.1), running variance, scale in [0.5, 1.5], shift N(0, 0.1)) and biases N(0, 0.05),
     * as after training.
     */
    static Weights trained(Architecture architecture, long seed) {
        Weights start = Initializer.seeded(architecture, seed);
        Random random = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            float[] data = start.get(p.name()).data().clone();
            for (int i = 0; i < data.length; i++) {
                switch (p.role()) {
                    case BN_RUNNING_MEAN, BN_BETA -> data[i] = (float) (0.1 * random.nextGaussian());
                    case BN_RUNNING_VAR, BN_GAMMA -> data[i] = (float) (0.5 + random.nextDouble());
                    case BIAS -> data[i] = (float) (0.05 * random.nextGaussian());
                    case CONV_WEIGHT, DENSE_WEIGHT -> {
                        // He and normal initialisation as drawn
                    }
                }
            }
            out.put(p.name(), new Tensor(p.shape(), data));
        }
        return new Weights(out);
    }
}
