package dev.zoo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.testkit.SyntheticImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written DJL networks the compiled ones are timed against have the compiled network's
 * size on both DJL engines, train, and predict deterministically in inference mode.
 */
class HandWrittenDjlTest {

    @ParameterizedTest
    @CsvSource({"PyTorch, lesson_cnn, 3, 32", "PyTorch, lesson_cnn, 1, 28", "MXNet, lesson_cnn, 3, 32",
            "PyTorch, resnet20, 3, 32"})
    void hasTheCompiledNetworksParametersAndTrains(String engine, String model, int channels, int side) {
        Shape input = Shape.chw(channels, side, side);
        Architecture architecture = ModelZoo.build(model, input, 10);
        var block = model.equals("resnet20") ? HandWrittenResNet20.build(10) : HandWrittenLessonCnn.build(10);
        try (HandWrittenTrainer trainer = new HandWrittenTrainer(engine, block, input, 8, 0.05f)) {
            assertThat(trainer.parameterCount()).as("%s on %s, %s", model, engine, input)
                    .isEqualTo(architecture.parameterCount());
            float[] before = block.getParameters().get(0).getValue().getArray().toFloatArray();
            trainer.step(SyntheticImages.images(input, 10, 8), SyntheticImages.labels(10, 8));
            float[] after = block.getParameters().get(0).getValue().getArray().toFloatArray();
            assertThat(after).as("first weight after one step").isNotEqualTo(before);
            float[] logits = trainer.predict(SyntheticImages.images(input, 10, 8));
            assertThat(logits).as("logits of 8 images in 10 classes").hasSize(80);
            assertThat(logits).as("inference leaves the weights alone")
                    .isEqualTo(trainer.predict(SyntheticImages.images(input, 10, 8)));
            for (float v : logits) {
                assertThat(v).isFinite();
            }
        }
    }
}
