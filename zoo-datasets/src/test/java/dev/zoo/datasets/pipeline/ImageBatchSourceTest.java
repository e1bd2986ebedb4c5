package dev.zoo.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.testdata.DatasetFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageBatchSourceTest {

    private static final Shape CIFAR = Shape.chw(3, 32, 32);
    private static final LabeledImages IMAGES = images(250);

    private static LabeledImages images(int count) {
        byte[] px = new byte[count * 3072];
        int[] labels = new int[count];
        for (int r = 0; r < count; r++) {
            labels[r] = DatasetFiles.label(r, 10);
            for (int i = 0; i < 3072; i++) {
                px[r * 3072 + i] = (byte) DatasetFiles.pixel(r, i);
            }
        }
        return new LabeledImages(px, labels, CIFAR);
    }

    private static ImageBatchSource source(long seed, boolean augment, int prefetch) {
        ChannelStats stats = new ChannelStats(new double[] {0.49, 0.48, 0.45}, new double[] {0.25, 0.24, 0.26});
        return new ImageBatchSource("test/train", IMAGES, ExampleSelection.all(IMAGES.count()),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), new ExampleTransform(CIFAR, 0, augment, stats),
                seed, true, prefetch);
    }

    private static List<Batch> drain(BatchIterator it) {
        List<Batch> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static void assertSameBatches(List<Batch> a, List<Batch> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).labels()).as("labels of batch %d", i).isEqualTo(b.get(i).labels());
            assertThat(Arrays.equals(a.get(i).images(), b.get(i).images())).as("values of batch %d bit for bit", i).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void theSameSeedGivesTheSameBatchesBitForBit(int prefetch) {
        List<Batch> a = drain(source(42, true, prefetch).batches(3, 32, 0));
        List<Batch> b = drain(source(42, true, 0).batches(3, 32, 0));
        assertSameBatches(a, b);
        List<Batch> other = drain(source(43, true, prefetch).batches(3, 32, 0));
        assertThat(other.get(0).labels()).isNotEqualTo(a.get(0).labels());
    }

    @Test
    void everyExampleComesOnceAnEpochInAnOrderThatChangesWithTheEpoch() {
        ImageBatchSource s = source(42, false, 0);
        int[] e0 = s.epochOrder(0);
        int[] e1 = s.epochOrder(1);
        assertThat(e0).isNotEqualTo(e1).isNotEqualTo(s.indices());
        assertThat(IntStream.of(e0).sorted().toArray()).isEqualTo(s.indices());

        List<Batch> batches = drain(s.batches(0, 64, 0));
        assertThat(batches).extracting(Batch::size).containsExactly(64, 64, 64, 58);
        int[] labels = batches.stream().flatMapToInt(b -> IntStream.of(b.labels())).toArray();
        assertThat(labels).isEqualTo(IntStream.of(e0).map(IMAGES::label).toArray());
        assertThat(s.batchCount(64)).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7, 8})
    void resumingAtABatchGivesExactlyTheRestOfTheEpoch(int fromBatch) {
        List<Batch> full = drain(source(42, true, 2).batches(5, 32, 0));
        List<Batch> resumed = drain(source(42, true, 2).batches(5, 32, fromBatch));
        assertSameBatches(resumed, full.subList(fromBatch, full.size()));
    }

    @Test
    void aServedBatchHoldsTheNormalisedExample() {
        ImageBatchSource s = source(1, false, 0);
        Batch b = drain(s.batches(0, 10, 0)).get(0);
        int example = s.epochOrder(0)[3];
        assertThat(b.itemShape()).isEqualTo(CIFAR);
        assertThat(b.labels()[3]).isEqualTo(IMAGES.label(example));
        float expected = (float) ((IMAGES.pixel(example, 1500) / 255.0 - 0.48) / 0.24);
        assertThat(b.images()[3 * 3072 + 1500]).isEqualTo(expected);
    }

    /**
     * The epoch order is fixed by the algorithm written in the class comment, not by this JVM:
     * these permutations come from a separate Python implementation of it (SplitMix64, derive,
     * Fisher-Yates), so any other runtime can reproduce a zoo run's batches. Regenerate with
     * {@code python3 zoo-datasets/src/test/resources/dev/zoo/datasets/pipeline/epoch_order_reference.py}.
     */
    @Test
    void epochOrderMatchesAnIndependentImplementationOfTheDocumentedAlgorithm() {
        ImageBatchSource s = new ImageBatchSource("t/train", IMAGES, IntStream.range(0, 20).toArray(), List.of("a", "b", "c",
                "d", "e", "f", "g", "h", "i", "j"), new ExampleTransform(CIFAR, 0, false, ChannelStats.identity(3)), 42, true, 0);
        assertThat(s.epochOrder(0)).containsExactly(14, 19, 1, 8, 11, 5, 9, 16, 6, 13, 10, 0, 7, 15, 17, 3, 18, 12, 2, 4);
        assertThat(s.epochOrder(1)).containsExactly(5, 8, 2, 13, 12, 18, 11, 1, 3, 16, 19, 17, 10, 9, 6, 7, 14, 0, 15, 4);
    }

    @Test
    void anUnshuffledSourceServesFileOrderEveryEpoch() {
        ImageBatchSource test = new ImageBatchSource("t/test", IMAGES, new int[] {4, 2, 9}, List.of("a", "b", "c", "d", "e",
                "f", "g", "h", "i", "j"), new ExampleTransform(CIFAR, 0, false, ChannelStats.identity(3)), 42, false, 0);
        assertThat(test.epochOrder(0)).containsExactly(4, 2, 9);
        assertThat(test.epochOrder(7)).containsExactly(4, 2, 9);
    }

    @Test
    void badArgumentsAreNamed() {
        ImageBatchSource s = source(0, false, 0);
        assertThatThrownBy(() -> s.batches(-1, 8, 0)).hasMessageContaining("epoch must be >= 0, got -1");
        assertThatThrownBy(() -> s.batches(0, 0, 0)).hasMessageContaining("batch size must be >= 1, got 0");
        assertThatThrownBy(() -> s.batches(0, 100, 4)).hasMessageContaining("fromBatch must lie in 0..3").hasMessageContaining("got 4");
        assertThat(drain(s.batches(0, 100, 3))).isEmpty();
    }
}
