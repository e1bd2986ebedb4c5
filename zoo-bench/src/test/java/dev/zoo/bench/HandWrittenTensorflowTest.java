package dev.zoo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.testkit.SyntheticImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written TensorFlow networks the compiled ones are timed against are the same networks:
 * from the same initial weights, on the same batch, they give the compiled network's loss, and in
 * inference mode its logits.
 */
class HandWrittenTensorflowTest {

    @ParameterizedTest
    @ValueSource(strings = {"lesson_cnn", "resnet20"})
    void computesTheCompiledNetworksLossAndLogits(String model) {
        Shape input = Shape.chw(3, 32, 32);
        Architecture architecture = ModelZoo.build(model, input, 10);
        Batch batch = new Batch(SyntheticImages.images(input, 10, 8), SyntheticImages.labels(10, 8), 8, input);
        long seed = 7;
        double compiled;
        float[] compiledLogits;
        try (Network n = Backends.get("tensorflow").compile(architecture, NetworkOptions.defaults().withSeed(seed))) {
            compiledLogits = n.predict(batch);
            compiled = n.trainStep(batch, 0.0);
        }
        try (HandWrittenTensorflow hand = model.equals("resnet20") ? HandWrittenTensorflow.resnet20(input, 10, 0.05, seed)
                : HandWrittenTensorflow.lessonCnn(input, 10, 0.05, seed)) {
            assertThat(hand.loss(batch)).as("%s loss, hand-written vs compiled", model)
                    .isCloseTo(compiled, within(1e-5 + 1e-4 * Math.abs(compiled)));
            float[] logits = hand.predict(batch);
            assertThat(logits).as("%s logits of 8 images in 10 classes", model).hasSameSizeAs(compiledLogits);
            for (int i = 0; i < logits.length; i++) {
                assertThat(logits[i]).as("%s inference logit %d, hand-written vs compiled", model, i)
                        .isCloseTo(compiledLogits[i], within(1e-4f + 1e-3f * Math.abs(compiledLogits[i])));
            }
        }
    }
}
