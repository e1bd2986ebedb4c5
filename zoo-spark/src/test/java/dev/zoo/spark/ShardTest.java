package dev.zoo.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import dev.zoo.testkit.RandomBatches;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a round's batch is cut among workers and into local steps. */
class ShardTest {

    private static final Shape ITEM = Shape.chw(1, 2, 2);

    private static Batch batch(int size) {
        return RandomBatches.of(ITEM, 3, size, size);
    }

    @Test
    void anEvenBatchGivesEveryWorkerAContiguousEqualShare() {
        Batch b = batch(32);
        List<Shard> shards = Shard.split(7, b, 2, 1, 0.1);
        assertThat(shards).extracting(Shard::size).containsExactly(16, 16);
        assertThat(shards).extracting(Shard::index).containsExactly(0, 1);
        assertThat(shards.get(1).labels()).containsExactly(Arrays.copyOfRange(b.labels(), 16, 32));
        assertThat(shards.get(1).step(0).images()).containsExactly(Arrays.copyOfRange(b.images(), 16 * 4, 32 * 4));
        assertThat(shards.get(0).round()).isEqualTo(7);
    }

    @Test
    void anUnevenBatchGivesTheFirstWorkersOneMoreAndKeepsEveryExample() {
        List<Shard> shards = Shard.split(0, batch(10), 4, 1, 0.1);
        assertThat(shards).extracting(Shard::size).containsExactly(3, 3, 2, 2);
    }

    @Test
    void aBatchSmallerThanTheWorkersUsesFewerOfThem() {
        List<Shard> shards = Shard.split(0, batch(2), 3, 1, 0.1);
        assertThat(shards).extracting(Shard::size).containsExactly(1, 1);
        assertThat(shards).extracting(Shard::index).containsExactly(0, 1);
    }

    @Test
    void aRoundOfSeveralStepsCutsEachShareIntoLocalStepsInOrder() {
        Batch b = batch(24);
        List<Shard> shards = Shard.split(0, b, 2, 3, 0.1);
        assertThat(shards.get(0).stepSizes()).containsExactly(4, 4, 4);
        int[] labels = IntStream.range(0, 3).flatMap(s -> Arrays.stream(shards.get(1).step(s).labels())).toArray();
        assertThat(labels).containsExactly(Arrays.copyOfRange(b.labels(), 12, 24));
        // a short last round: fewer examples than steps x workers
        assertThat(Shard.split(0, batch(5), 2, 3, 0.1)).extracting(s -> s.stepSizes().length).containsExactly(3, 2);
    }
}
