package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private final Network network = new SoftmaxRegressionBackend().compile(SoftmaxRegressionBackend.architecture(),
            NetworkOptions.defaults().withSeed(3));

    @Test
    void probabilitiesAreTheSoftmaxOfTheLogitsMostProbableFirst() {
        float[] image = {0.5f, -1f, 2f, 0.25f};
        float[] logits = network.predict(new Batch(image, new int[] {0}, 1, network.architecture().input()));
        double z = Math.exp(logits[0]) + Math.exp(logits[1]) + Math.exp(logits[2]);
        try (Classifier c = new Classifier(network, List.of("cat", "dog", "owl"))) {
            List<Prediction> top = c.classify(image, 5);
            assertThat(top).hasSize(3);
            assertThat(top).isSortedAccordingTo((a, b) -> Double.compare(b.probability(), a.probability()));
            for (Prediction p : top) {
                assertThat(p.name()).isEqualTo(List.of("cat", "dog", "owl").get(p.label()));
                assertThat(p.probability()).isCloseTo(Math.exp(logits[p.label()]) / z, within(1e-6));
            }
            assertThat(c.classify(image, 1)).containsExactly(top.get(0));
        }
    }

    @Test
    void anImageOfTheWrongSizeOrWrongNamesAreRefused() {
        try (Classifier c = new Classifier(network, List.of("a", "b", "c"))) {
            assertThatThrownBy(() -> c.classify(new float[5], 1)).hasMessageContaining("4 values (1x2x2), got 5");
        }
        assertThatThrownBy(() -> new Classifier(network, List.of("a"))).hasMessageContaining("3 classes but 1 names");
    }
}
