package dev.zoo.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DatasetException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetchingBatchIteratorTest {

    private static Batch batch(int i) {
        return new Batch(new float[] {i}, new int[] {i}, 1, Shape.flat(1));
    }

    @Test
    void servesTheBatchesInOrder() {
        try (PrefetchingBatchIterator it = new PrefetchingBatchIterator(PrefetchingBatchIteratorTest::batch, 3, 9, 2, "t")) {
            int expected = 3;
            while (it.hasNext()) {
                assertThat(it.next().labels()[0]).isEqualTo(expected++);
            }
            assertThat(expected).isEqualTo(9);
        }
    }

    @Test
    void holdsAtMostDepthBatchesAheadAndClosingStopsTheWorker() throws Exception {
        AtomicInteger built = new AtomicInteger();
        PrefetchingBatchIterator it = new PrefetchingBatchIterator(i -> {
            built.incrementAndGet();
            return batch(i);
        }, 0, 1_000_000, 3, "t");
        assertThat(it.next().labels()[0]).isZero();
        Thread.sleep(200);
        assertThat(built.get()).as("one taken, three queued, one blocked on put").isLessThanOrEqualTo(5);
        it.close();
        for (int i = 0; i < 100 && it.workerAlive(); i++) {
            Thread.sleep(10);
        }
        assertThat(it.workerAlive()).isFalse();
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void aFailureInTheWorkerReachesTheCaller() {
        PrefetchingBatchIterator it = new PrefetchingBatchIterator(i -> {
            if (i == 2) {
                throw new IllegalStateException("bad example 17");
            }
            return batch(i);
        }, 0, 5, 2, "t");
        it.next();
        it.next();
        assertThatThrownBy(it::hasNext).isInstanceOf(DatasetException.class).hasMessageContaining("bad example 17");
    }
}
