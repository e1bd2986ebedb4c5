package dev.zoo.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayBatchSourceTest {

    private static ArrayBatchSource source(long seed, boolean shuffle) {
        float[] x = new float[10];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i;
            y[i] = i % 2;
        }
        return new ArrayBatchSource(x, y, Shape.flat(1), List.of("even", "odd"), seed, shuffle);
    }

    private static List<Float> epoch(BatchSource s, int epoch, int batch, int from) {
        List<Float> seen = new ArrayList<>();
        try (BatchIterator it = s.batches(epoch, batch, from)) {
            it.forEachRemaining(b -> {
                for (float v : b.images()) {
                    seen.add(v);
                }
            });
        }
        return seen;
    }

    @Test
    void eachEpochIsAPermutationFixedBySeedAndEpoch() {
        List<Float> e0 = epoch(source(1, true), 0, 3, 0);
        assertThat(e0).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
        assertThat(epoch(source(1, true), 0, 3, 0)).isEqualTo(e0);
        assertThat(epoch(source(1, true), 1, 3, 0)).isNotEqualTo(e0);
        assertThat(epoch(source(2, true), 0, 3, 0)).isNotEqualTo(e0);
        assertThat(epoch(source(1, false), 0, 3, 0)).containsExactly(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
    }

    @Test
    void startingAtABatchSkipsTheBatchesBeforeIt() {
        List<Float> all = epoch(source(1, true), 2, 3, 0);
        assertThat(epoch(source(1, true), 2, 3, 2)).isEqualTo(all.subList(6, 10));
        assertThat(epoch(source(1, true), 2, 3, 9)).isEmpty();
    }

    @Test
    void labelsOutsideTheClassesAreRefusedNamingTheExample() {
        assertThatThrownBy(() -> new ArrayBatchSource(new float[2], new int[] {0, 2}, Shape.flat(1), List.of("a", "b"), 1,
                false)).hasMessageContaining("example 1").hasMessageContaining("got 2");
    }
}
