package dev.zoo.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state layout every backend exchanges, and the checks on a state being imported. */
class OptimizerSlotsTest {

    private static final Map<String, List<Integer>> SHAPES = Map.of("fc.weight", List.of(2, 3));
    private static final Optimizer MOMENTUM = new Optimizer.Sgd(0.9, false, 0);

    private static Weights state(Map<String, Tensor> tensors) {
        return new Weights(tensors);
    }

    private static Map<String, Tensor> good() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("fc.weight.momentum", Tensor.of(new float[6], 2, 3));
        t.put("step", new Tensor(List.of(), new float[] {4}));
        return t;
    }

    @Test
    void slotNamesFollowTheOptimizer() {
        assertThat(OptimizerSlots.slots(Optimizer.Sgd.plain())).isEmpty();
        assertThat(OptimizerSlots.slots(MOMENTUM)).containsExactly("momentum");
        assertThat(OptimizerSlots.slots(Optimizer.Adam.defaults())).containsExactly("adam_m", "adam_v");
    }

    @Test
    void exportThenCheckGivesTheStepBack() {
        Weights exported = OptimizerSlots.export(MOMENTUM, SHAPES, Map.of("fc.weight", List.of(new float[6])), 4);
        assertThat(exported).isEqualTo(state(good()));
        assertThat(OptimizerSlots.check("b", MOMENTUM, SHAPES, exported)).isEqualTo(4);
    }

    @Test
    void everyMisfitIsNamed() {
        Map<String, Tensor> noStep = good();
        noStep.remove("step");
        assertThatThrownBy(() -> OptimizerSlots.check("b", MOMENTUM, SHAPES, state(noStep)))
                .hasMessage("b optimizer state (sgd): needs one scalar tensor 'step', got none");
        Map<String, Tensor> halfStep = good();
        halfStep.put("step", new Tensor(List.of(), new float[] {2.5f}));
        assertThatThrownBy(() -> OptimizerSlots.check("b", MOMENTUM, SHAPES, state(halfStep)))
                .hasMessageContaining("'step' must be a whole number >= 0, got [2.5]");
        Map<String, Tensor> extra = good();
        extra.put("fc.weight.adam_m", Tensor.of(new float[6], 2, 3));
        assertThatThrownBy(() -> OptimizerSlots.check("b", MOMENTUM, SHAPES, state(extra)))
                .hasMessageContaining("unexpected tensor 'fc.weight.adam_m'");
        Map<String, Tensor> missing = good();
        missing.remove("fc.weight.momentum");
        assertThatThrownBy(() -> OptimizerSlots.check("b", MOMENTUM, SHAPES, state(missing)))
                .hasMessageContaining("missing tensor 'fc.weight.momentum' of shape [2, 3]");
        Map<String, Tensor> misshapen = good();
        misshapen.put("fc.weight.momentum", Tensor.of(new float[6], 3, 2));
        assertThatThrownBy(() -> OptimizerSlots.check("b", MOMENTUM, SHAPES, state(misshapen)))
                .hasMessageContaining("tensor 'fc.weight.momentum' must have shape [2, 3], got [3, 2]");
    }
}
