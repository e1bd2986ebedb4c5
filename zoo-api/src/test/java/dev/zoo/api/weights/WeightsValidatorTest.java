package dev.zoo.api.weights;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Architecture;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Weights must fit an architecture exactly; the first misfit is named with expected and actual shapes. */
class WeightsValidatorTest {

    private final Architecture small = SafeTensorsTest.smallNet();
    private final Weights fitting = Initializer.seeded(small, 3);

    private Map<String, Tensor> editable() {
        return new LinkedHashMap<>(fitting.asMap());
    }

    @Test
    void seededWeightsFit() {
        assertThatCode(() -> fitting.check(small)).doesNotThrowAnyException();
    }

    @Test
    void missingTensor() {
        Map<String, Tensor> tensors = editable();
        tensors.remove("bn1.running_var");

        assertThatThrownBy(() -> new Weights(tensors).check(small)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights do not fit small (8 tensors): missing tensor 'bn1.running_var' (expected shape [4])");
    }

    @Test
    void wrongShape() {
        Map<String, Tensor> tensors = editable();
        tensors.put("conv1.weight", Tensor.of(new float[4 * 3 * 5 * 5], 4, 3, 5, 5));

        assertThatThrownBy(() -> WeightsValidator.check(new Weights(tensors), small))
                .hasMessage("weights do not fit small (8 tensors): tensor 'conv1.weight' has shape [4, 3, 5, 5] but "
                        + "small expects [4, 3, 3, 3]");
    }

    @Test
    void sameSizeButTransposedIsStillWrong() {
        Map<String, Tensor> tensors = editable();
        tensors.put("fc.weight", Tensor.of(new float[20], 4, 5));

        assertThatThrownBy(() -> new Weights(tensors).check(small))
                .hasMessageContaining("tensor 'fc.weight' has shape [4, 5] but small expects [5, 4]");
    }

    @Test
    void extraTensor() {
        Map<String, Tensor> tensors = editable();
        tensors.put("bn1.num_batches_tracked", Tensor.of(new float[1]));

        assertThatThrownBy(() -> new Weights(tensors).check(small))
                .hasMessage("weights do not fit small (8 tensors): extra tensor 'bn1.num_batches_tracked' with shape [] "
                        + "that small does not have");
    }

    @Test
    void theFirstProblemInParameterOrderIsNamedAndTheOthersCountedAndListed() {
        Map<String, Tensor> tensors = editable();
        tensors.put("extra", Tensor.of(new float[1], 1));
        tensors.remove("fc.bias");
        tensors.put("conv1.bias", Tensor.of(new float[5], 5));

        assertThatThrownBy(() -> new Weights(tensors).check(small))
                .hasMessage("weights do not fit small (8 tensors): tensor 'conv1.bias' has shape [5] but small expects "
                        + "[4]; and 2 more problems with 'fc.bias', 'extra'");
    }
}
