package dev.zoo.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared rule against PyTorch's update written out by hand, over three steps. */
class OptimizerRuleTest {

    private static final double[] GRADIENTS = {0.5, -0.25, 2.0};
    private static final double[] RATES = {0.1, 0.05, 0.2};

    /** Runs three steps of one scalar parameter starting at 1.0, gradients and rates as above. */
    private static double run(Optimizer optimizer) {
        ArrayArithmetic ops = new ArrayArithmetic();
        double[] w = {1.0};
        List<double[]> slots = new ArrayList<>();
        for (String ignored : OptimizerSlots.slots(optimizer)) {
            slots.add(new double[] {0});
        }
        for (int t = 0; t < 3; t++) {
            StepFactors<double[]> f = StepFactors.of(optimizer, t + 1, RATES[t]).map(v -> new double[] {v});
            OptimizerRule.Update<double[]> u = OptimizerRule.apply(optimizer, ops, w, new double[] {GRADIENTS[t]}, slots, f);
            w = new double[] {w[0] - u.decrement()[0]};
            slots = u.slots();
        }
        return w[0];
    }

    @Test
    void plainSgdWithWeightDecay() {
        double w = 1.0;
        for (int t = 0; t < 3; t++) {
            w -= RATES[t] * (GRADIENTS[t] + 0.01 * w);
        }
        assertThat(run(new Optimizer.Sgd(0, false, 0.01))).isCloseTo(w, within(1e-15));
    }

    @Test
    void momentumAndNesterovKeepPyTorchsBuffer() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double w = 1.0;
            double buf = 0;
            for (int t = 0; t < 3; t++) {
                double g = GRADIENTS[t] + 1e-3 * w;
                buf = 0.9 * buf + g;
                w -= RATES[t] * (nesterov ? g + 0.9 * buf : buf);
            }
            assertThat(run(new Optimizer.Sgd(0.9, nesterov, 1e-3))).as("nesterov " + nesterov).isCloseTo(w, within(1e-15));
        }
    }

    @Test
    void adamWithBiasCorrection() {
        double w = 1.0;
        double m = 0;
        double v = 0;
        for (int t = 1; t <= 3; t++) {
            double g = GRADIENTS[t - 1] + 0.1 * w;
            m = 0.8 * m + 0.2 * g;
            v = 0.99 * v + 0.01 * g * g;
            double c1 = 1 - Math.pow(0.8, t);
            double c2 = 1 - Math.pow(0.99, t);
            w -= RATES[t - 1] / c1 * m / (Math.sqrt(v) / Math.sqrt(c2) + 1e-6);
        }
        assertThat(run(new Optimizer.Adam(0.8, 0.99, 1e-6, 0.1))).isCloseTo(w, within(1e-14));
    }

    @Test
    void theWrongNumberOfSlotsIsRefused() {
        StepFactors<double[]> f = StepFactors.of(Optimizer.Adam.defaults(), 1, 0.1).map(v -> new double[] {v});
        assertThatThrownBy(() -> OptimizerRule.apply(Optimizer.Adam.defaults(), new ArrayArithmetic(), new double[] {1},
                new double[] {1}, List.of(new double[] {0}), f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adam needs 2 slots per parameter, got 1");
    }

    @Test
    void stepsAreCountedFromOne() {
        assertThatThrownBy(() -> StepFactors.of(Optimizer.Sgd.plain(), 0, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1, got 0");
    }
}
