package dev.zoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.train.Evaluation;
import dev.zoo.api.train.Prediction;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tiny run of the first lesson on real Fashion-MNIST, on two backends: two steps, four predictions. */
class LessonCnnTest {

    private static LessonCnn tiny(String backend) {
        LessonCnn lesson = new LessonCnn();
        lesson.common = LessonOptions.of(backend, "fashion-mnist", null, 42);
        lesson.limit = 64;
        lesson.testLimit = 16;
        lesson.epochs = 1;
        lesson.batch = 32;
        lesson.show = 4;
        return lesson;
    }

    @ParameterizedTest
    @ValueSource(strings = {"djl-pytorch", "dl4j"})
    void printsSummaryEpochAccuracyAndNamedPredictions(String backend) {
        Printout out = new Printout();

        LessonCnn.Result r = tiny(backend).run(out.stream());

        assertThat(r.summary().name()).isEqualTo("lesson_cnn");
        assertThat(r.summary().input()).isEqualTo("1x28x28");
        // conv1 16*9+16, conv2 32*16*9+32, fc1 (32*5*5)*256+256, fc2 256*10+10
        assertThat(r.summary().totalParams()).isEqualTo(160 + 4640 + 205056 + 2570);
        assertThat(r.epochs()).hasSize(1);
        Evaluation e = r.epochs().get(0).evaluation();
        assertThat(e.examples()).isEqualTo(16);
        assertThat(e.loss()).isFinite().isPositive();
        assertThat(e.top1()).isBetween(0.0, 1.0);
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                "Bag", "Ankle boot");
        assertThat(r.predictions()).hasSize(4);
        for (LessonCnn.ShownImage s : r.predictions()) {
            assertThat(names).contains(s.trueClass());
            assertThat(s.top()).hasSize(3).extracting(Prediction::name).allMatch(names::contains);
            assertThat(s.top().get(0).probability()).isGreaterThanOrEqualTo(s.top().get(1).probability());
            assertThat(s.top().stream().mapToDouble(Prediction::probability).sum()).isBetween(0.0, 1.0 + 1e-9);
        }
        // The first Fashion-MNIST test image is an ankle boot.
        assertThat(r.predictions().get(0).trueClass()).isEqualTo("Ankle boot");
        assertThat(out.text()).contains("Total params: 212,426", "epoch 1  train loss", "Ankle boot");
    }
}
