package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MXNet's fused SGD kernels take the step of the shared rule (PyTorch's), at the rate of each step,
 * a zero rate included, and keep its momentum in the shared layout.
 */
class MxnetSgdTest {

    private static final double[] RATES = {0.1, 0.05, 0.0, 0.2, 0.2};

    @ParameterizedTest(name = "momentum {0}, nesterov {1}, weight decay {2}")
    @CsvSource({"0.9, false, 5e-4", "0.9, false, 0", "0.5, true, 1e-2", "0.9, true, 0"})
    void fusedKernelsTakeTheSharedRulesSteps(double momentum, boolean nesterov, double weightDecay) {
        Optimizer.Sgd sgd = new Optimizer.Sgd(momentum, nesterov, weightDecay);
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            Random random = new Random(3);
            float[] initial = values(random, 300, 0.5f);
            Map<String, NDArray> fusedWeights = Map.of("w", manager.create(initial, new Shape(20, 15)));
            Map<String, NDArray> ruleWeights = Map.of("w", manager.create(initial, new Shape(20, 15)));
            MxnetSgd fusedUpdate = MxnetSgd.of("MXNet", DataType.FLOAT32, sgd, fusedWeights.values());
            assertThat(fusedUpdate).isNotNull();
            NdOptimizer fused = new NdOptimizer("djl-mxnet", sgd, fusedWeights, fusedUpdate, Set.of());
            NdOptimizer rule = new NdOptimizer("djl-mxnet", sgd, ruleWeights, null, Set.of());
            for (int step = 0; step < RATES.length; step++) {
                float[] gradient = values(random, 300, 2f);
                try (NDManager stepManager = manager.newSubManager()) {
                    fused.beginStep(stepManager, DataType.FLOAT32, RATES[step]);
                    rule.beginStep(stepManager, DataType.FLOAT32, RATES[step]);
                    fused.apply("w", fusedWeights.get("w"), stepManager.create(gradient, new Shape(20, 15)));
                    rule.apply("w", ruleWeights.get("w"), stepManager.create(gradient, new Shape(20, 15)));
                }
                assertClose(fusedWeights.get("w").toFloatArray(), ruleWeights.get("w").toFloatArray(),
                        "weights after step " + (step + 1));
                Weights fusedState = fused.exportState();
                Weights ruleState = rule.exportState();
                assertThat(fusedState.names()).isEqualTo(ruleState.names());
                for (String name : ruleState.names()) {
                    assertClose(fusedState.get(name).data(), ruleState.get(name).data(),
                            name + " after step " + (step + 1));
                }
            }
        }
    }

    @ParameterizedTest(name = "nesterov {0}")
    @CsvSource({"false", "true"})
    void stateImportedFromTheSharedLayoutExportsUnchanged(boolean nesterov) {
        Optimizer.Sgd sgd = new Optimizer.Sgd(0.9, nesterov, 5e-4);
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            Map<String, NDArray> weights = new LinkedHashMap<>();
            weights.put("w", manager.zeros(new Shape(4, 5)));
            NdOptimizer rule = new NdOptimizer("djl-mxnet", sgd, weights, null, Set.of());
            try (NDManager stepManager = manager.newSubManager()) {
                rule.beginStep(stepManager, DataType.FLOAT32, 0.1);
                rule.apply("w", weights.get("w"), stepManager.create(values(new Random(5), 20, 1f), new Shape(4, 5)));
            }
            Weights state = rule.exportState();
            NdOptimizer fused = new NdOptimizer("djl-mxnet", sgd, weights, MxnetSgd.of("MXNet", DataType.FLOAT32, sgd,
                    weights.values()), Set.of());
            fused.importState(state);
            assertThat(fused.exportState()).isEqualTo(state);
        }
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s [%d]", what, i).isCloseTo(expected[i], within(1e-6f + 1e-5f * Math.abs(expected[i])));
        }
    }

    private static float[] values(Random random, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }
}
