package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.engine.OptimizerRule;
import dev.zoo.api.engine.OptimizerSlots;
import dev.zoo.api.engine.StepFactors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The in-place SGD step takes the shared rule's step ({@link OptimizerRule} on {@link NdArithmetic}, a
 * new array per operation) bit for bit, on both engines and both precisions, through rates that
 * change and a zero rate.
 */
class NdOptimizerTest {

    private static final double[] RATES = {0.1, 0.05, 0.0, 0.2, 0.2};

    @ParameterizedTest(name = "{0} {1}: momentum {2}, nesterov {3}, weight decay {4}")
    @CsvSource({
        "PyTorch, FLOAT32, 0.9, false, 5e-4", "PyTorch, FLOAT32, 0.9, true, 5e-4", "PyTorch, FLOAT32, 0, false, 1e-2",
        "PyTorch, FLOAT32, 0.5, false, 0", "PyTorch, FLOAT64, 0.9, true, 1e-3", "PyTorch, FLOAT64, 0, false, 0",
        "MXNet, FLOAT32, 0.9, true, 5e-4", "MXNet, FLOAT32, 0, false, 5e-4", "MXNet, FLOAT64, 0.9, false, 5e-4"})
    void inPlaceStepIsTheSharedRuleBitForBit(String engine, DataType type, double momentum, boolean nesterov,
            double weightDecay) {
        Optimizer.Sgd sgd = new Optimizer.Sgd(momentum, nesterov, weightDecay);
        try (NDManager manager = Engine.getEngine(engine).newBaseManager()) {
            Random random = new Random(11);
            NDArray initial = manager.create(values(random, 300, 0.5f), new Shape(20, 15)).toType(type, false);
            NDArray weight = initial.duplicate();
            NDArray reference = initial.duplicate();
            NdOptimizer update = new NdOptimizer("djl", sgd, Map.of("w", weight), null, Set.of());
            List<NDArray> slots = new ArrayList<>();
            if (momentum != 0) {
                slots.add(reference.zerosLike());
            }
            for (int step = 0; step < RATES.length; step++) {
                try (NDManager stepManager = manager.newSubManager()) {
                    NDArray gradient = stepManager.create(values(random, 300, 2f), new Shape(20, 15)).toType(type, false);
                    update.beginStep(stepManager, type, RATES[step]);
                    update.apply("w", weight, gradient);

                    StepFactors<NDArray> factors = StepFactors.of(sgd, step + 1, RATES[step])
                            .map(v -> stepManager.create(v).toType(type, false));
                    OptimizerRule.Update<NDArray> u = OptimizerRule.apply(sgd, NdArithmetic.INSTANCE, reference,
                            gradient, slots, factors);
                    reference.subi(u.decrement());
                    for (int i = 0; i < slots.size(); i++) {
                        slots.get(i).intern(u.slots().get(i));
                    }
                }
                assertThat(weight.toArray()).as("weights after step %d", step + 1)
                        .containsExactly(reference.toArray());
            }
            if (momentum != 0) {
                assertThat(update.exportState().get(OptimizerSlots.name("w", OptimizerSlots.slots(sgd).get(0))).data())
                        .containsExactly(slots.get(0).toType(DataType.FLOAT32, false).toFloatArray());
            }
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
