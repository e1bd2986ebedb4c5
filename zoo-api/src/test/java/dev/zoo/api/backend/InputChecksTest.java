package dev.zoo.api.backend;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks every backend makes name the backend, the architecture, the rule and the value. */
class InputChecksTest {

    private final Architecture net = new Architecture("tiny", "a dense layer", Shape.chw(1, 2, 2), 3,
            Sequential.of("net", new Flatten("flatten"), Dense.of("fc", 3)));

    @Test
    void batchesMustFitTheInputAndTheClasses() {
        assertThatCode(() -> InputChecks.batch("b", net, new Batch(new float[4], new int[] {2}, 1, Shape.chw(1, 2, 2))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> InputChecks.batch("b", net, new Batch(new float[9], new int[] {0}, 1, Shape.chw(1, 3, 3))))
                .hasMessage("b tiny: batch items must have shape 1x2x2 (the architecture's input), got 1x3x3");
        assertThatThrownBy(() -> InputChecks.batch("b", net, new Batch(new float[8], new int[] {0, 3}, 2, Shape.chw(1, 2, 2))))
                .hasMessage("b tiny: label 3 of example 1 must be in [0, 3)");
        assertThatThrownBy(() -> InputChecks.batch("b", net, null)).hasMessage("b tiny: batch must not be null");
    }

    @Test
    void learningRatesMustBeFiniteAndNotNegative() {
        assertThatThrownBy(() -> InputChecks.learningRate("b", net, Double.NaN))
                .hasMessage("b tiny: learning rate must be >= 0 and finite, got NaN");
        assertThatThrownBy(() -> InputChecks.learningRate("b", net, -1)).hasMessageContaining("got -1.0");
        assertThatCode(() -> InputChecks.learningRate("b", net, 0)).doesNotThrowAnyException();
    }

    @Test
    void weightsMustFitExactly() {
        Map<String, Tensor> t = new LinkedHashMap<>(Initializer.seeded(net, 1).asMap());
        t.put("fc.bias", Tensor.of(new float[2], 2));
        assertThatThrownBy(() -> InputChecks.weights("b", net, new Weights(t)))
                .hasMessageStartingWith("b: weights do not fit tiny").hasMessageContaining("'fc.bias' has shape [2]");
    }
}
