package dev.zoo.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Shape;
import org.junit.jupiter.api.Test;

class BatchTest {

    private static Batch batchWith(int index, float value) {
        float[] images = new float[2 * 4];
        images[index] = value;
        return new Batch(images, new int[] {0, 1}, 2, Shape.chw(1, 2, 2));
    }

    @Test
    void firstNonFiniteNamesTheFirstNanOrInfinityAndMinusOneWhenThereIsNone() {
        assertThat(batchWith(3, 1e30f).firstNonFinite()).isEqualTo(-1);
        assertThat(batchWith(5, Float.NaN).firstNonFinite()).isEqualTo(5);
        assertThat(batchWith(0, Float.POSITIVE_INFINITY).firstNonFinite()).isZero();
        Batch two = batchWith(6, Float.NEGATIVE_INFINITY);
        two.images()[2] = Float.NaN;
        assertThat(two.firstNonFinite()).isEqualTo(2);
    }
}
