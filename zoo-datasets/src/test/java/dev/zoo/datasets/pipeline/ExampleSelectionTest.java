package dev.zoo.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.format.LabeledImages;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExampleSelectionTest {

    @Test
    void firstNKeepsFileOrder() {
        assertThat(ExampleSelection.firstN(new int[] {5, 6, 7, 8}, 2)).containsExactly(5, 6);
        assertThat(ExampleSelection.firstN(new int[] {5, 6}, 0)).containsExactly(5, 6);
        assertThat(ExampleSelection.firstN(new int[] {5, 6}, 9)).containsExactly(5, 6);
        assertThatThrownBy(() -> ExampleSelection.firstN(new int[0], -1)).hasMessageContaining("got -1");
    }

    @Test
    void firstPerClassTakesTheFirstExamplesOfEachClass() {
        int[] labels = {0, 1, 0, 2, 0, 1, 1, 2};
        LabeledImages images = new LabeledImages(new byte[8], labels, Shape.chw(1, 1, 1));
        assertThat(ExampleSelection.firstPerClass(images, ExampleSelection.all(8), 3, 2)).containsExactly(0, 1, 2, 3, 5, 7);
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        int[] all = IntStream.range(0, 1000).toArray();
        ExampleSelection.Split a = ExampleSelection.split(all, 0.1, 42);
        ExampleSelection.Split b = ExampleSelection.split(all, 0.1, 42);
        ExampleSelection.Split c = ExampleSelection.split(all, 0.1, 7);
        assertThat(a.validation()).hasSize(100).isEqualTo(b.validation()).isNotEqualTo(c.validation()).isSorted();
        assertThat(a.train()).hasSize(900).isSorted();
        int[] union = IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.validation())).sorted().toArray();
        assertThat(union).isEqualTo(all);
        assertThat(ExampleSelection.split(all, 0, 42).validation()).isEmpty();
        assertThatThrownBy(() -> ExampleSelection.split(all, 1.0, 42)).hasMessageContaining("[0, 1), got 1.0");
    }
}
