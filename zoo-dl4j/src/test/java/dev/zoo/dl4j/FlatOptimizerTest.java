package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.engine.OptimizerRule;
import dev.zoo.api.engine.StepFactors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The in-place SGD step on the flat vectors takes the shared rule's step ({@link OptimizerRule} on
 * {@link NdArrayArithmetic}, a new vector per operation, as for Adam) bit for bit, masked values
 * (batch norm's running statistics) untouched, through changing rates and a zero rate.
 */
class FlatOptimizerTest {

    private static final double[] RATES = {0.1, 0.05, 0.0, 0.2, 0.2};
    private static final int BATCH = 8;

    @ParameterizedTest(name = "{0}: momentum {1}, nesterov {2}, weight decay {3}")
    @CsvSource({"FLOAT, 0.9, false, 5e-4", "FLOAT, 0.9, true, 5e-4", "FLOAT, 0, false, 1e-2", "FLOAT, 0.5, false, 0",
        "DOUBLE, 0.9, true, 1e-3", "DOUBLE, 0, false, 0"})
    void inPlaceStepIsTheSharedRuleBitForBit(DataType type, double momentum, boolean nesterov, double weightDecay) {
        Optimizer.Sgd sgd = new Optimizer.Sgd(momentum, nesterov, weightDecay);
        Random random = new Random(5);
        INDArray mask = Nd4j.ones(type, 1, 40);
        mask.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(30, 40)).assign(0);
        INDArray params = values(random, type, 1.0);
        INDArray untouched = params.dup();
        INDArray reference = params.dup();
        FlatOptimizer update = new FlatOptimizer(sgd, null, mask, params);
        List<INDArray> slots = new ArrayList<>();
        if (momentum != 0) {
            slots.add(Nd4j.zeros(type, 1, 40));
        }
        for (int step = 0; step < RATES.length; step++) {
            INDArray gradientSum = values(random, type, 4.0);
            INDArray gradientBefore = gradientSum.dup();
            update.apply(params, gradientSum, BATCH, RATES[step]);
            // DL4J's gradient is read again after the step (the gradient norms)
            assertThat(gradientSum.toDoubleVector()).as("the gradient handed in").containsExactly(
                    gradientBefore.toDoubleVector());

            INDArray g = gradientSum.mul(1.0 / BATCH).muli(mask);
            StepFactors<INDArray> factors = StepFactors.of(sgd, step + 1, RATES[step]).map(v -> Nd4j.scalar(type, v));
            OptimizerRule.Update<INDArray> u = OptimizerRule.apply(sgd, NdArrayArithmetic.INSTANCE,
                    reference.mul(mask), g, slots, factors);
            reference.subi(u.decrement());
            for (int i = 0; i < slots.size(); i++) {
                slots.get(i).assign(u.slots().get(i));
            }
            assertThat(params.toDoubleVector()).as("parameters after step %d", step + 1)
                    .containsExactly(reference.toDoubleVector());
            for (int i = 0; i < slots.size(); i++) {
                assertThat(update.slots().get(i).toDoubleVector()).as("slot %d after step %d", i, step + 1)
                        .containsExactly(slots.get(i).toDoubleVector());
            }
        }
        for (int i = 30; i < 40; i++) {
            assertThat(params.getDouble(0, i)).as("masked value %d", i).isEqualTo(untouched.getDouble(0, i));
        }
    }

    private static INDArray values(Random random, DataType type, double scale) {
        double[] v = new double[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian() * scale;
        }
        return Nd4j.create(v, new long[] {1, 40}).castTo(type);
    }
}
