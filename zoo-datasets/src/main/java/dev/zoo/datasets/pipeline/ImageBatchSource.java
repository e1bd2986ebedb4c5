package dev.zoo.datasets.pipeline;

import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.api.data.BatchSource;
import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.format.LabeledImages;
import java.util.List;

/**
 * One split of a dataset served as {@link Batch}es. The order of epoch {@code e} is a permutation
 * drawn from {@code (seed, e)} alone, and each example's augmentation from
 * {@code (seed, e, example index)} alone, so batch {@code k} of an epoch is the same whether the
 * epoch is read from the start or resumed at {@code k}, on any backend.
 *
 * <p>Precisely, with {@link SeededRandom} (SplitMix64) and its {@code derive}: the order of epoch
 * {@code e} is a Fisher-Yates shuffle of the split's indices driven by
 * {@code new SeededRandom(derive(seed ^ 0x6F72646572, e))}; the augmentation of example {@code i}
 * in epoch {@code e} is drawn from {@code new SeededRandom(derive(derive(seed ^ 0x6175676D, e), i))}
 * as vertical shift, horizontal shift (each {@code nextInt(9) - 4}) and flip ({@code nextLong() & 1}).
 */
public final class ImageBatchSource implements BatchSource {

    private static final long ORDER_SALT = 0x6F72646572L;
    private static final long AUGMENT_SALT = 0x6175676DL;

    private final String name;
    private final LabeledImages images;
    private final int[] indices;
    private final List<String> classNames;
    private final ExampleTransform transform;
    private final long seed;
    private final boolean shuffle;
    private final int prefetch;

    /**
     * @param name       used in thread names and messages ({@code "cifar10/train"})
     * @param indices    the examples of this split, in their base order
     * @param shuffle    whether each epoch is a seeded permutation (training) or the base order
     * @param prefetch   batches built ahead on a background thread; 0 builds them on the caller's thread
     */
    public ImageBatchSource(String name, LabeledImages images, int[] indices, List<String> classNames,
            ExampleTransform transform, long seed, boolean shuffle, int prefetch) {
        if (!transform.inputShape().equals(images.itemShape())) {
            throw new IllegalArgumentException(name + ": transform expects " + transform.inputShape() + ", images are "
                    + images.itemShape());
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException(name + ": prefetch must be >= 0, got " + prefetch);
        }
        for (int i : indices) {
            if (i < 0 || i >= images.count()) {
                throw new IllegalArgumentException(name + ": example index " + i + " outside 0.." + (images.count() - 1));
            }
        }
        this.name = name;
        this.images = images;
        this.indices = indices.clone();
        this.classNames = List.copyOf(classNames);
        this.transform = transform;
        this.seed = seed;
        this.shuffle = shuffle;
        this.prefetch = prefetch;
    }

    @Override
    public Shape itemShape() {
        return transform.outputShape();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    public String name() {
        return name;
    }

    public ExampleTransform transform() {
        return transform;
    }

    /** The example indices of this split in their base (unshuffled) order. */
    public int[] indices() {
        return indices.clone();
    }

    /** The example indices in the order epoch {@code epoch} serves them. */
    public int[] epochOrder(int epoch) {
        return shuffle ? new SeededRandom(SeededRandom.derive(seed ^ ORDER_SALT, epoch)).shuffled(indices) : indices.clone();
    }

    @Override
    public BatchIterator batches(int epoch, int batchSize, int fromBatch) {
        if (epoch < 0) {
            throw new IllegalArgumentException(name + ": epoch must be >= 0, got " + epoch);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException(name + ": batch size must be >= 1, got " + batchSize);
        }
        int count = batchCount(batchSize);
        if (fromBatch < 0 || fromBatch > count) {
            throw new IllegalArgumentException(name + ": fromBatch must lie in 0.." + count + " (batches of " + batchSize
                    + " in " + size() + " examples), got " + fromBatch);
        }
        int[] order = epochOrder(epoch);
        long epochKey = SeededRandom.derive(seed ^ AUGMENT_SALT, epoch);
        java.util.function.IntFunction<Batch> batchAt = b -> assemble(order, b * batchSize,
                Math.min(order.length, (b + 1) * batchSize), epochKey);
        return prefetch == 0 ? new SequentialBatchIterator(batchAt, fromBatch, count)
                : new PrefetchingBatchIterator(batchAt, fromBatch, count, prefetch, "zoo-prefetch-" + name);
    }

    private Batch assemble(int[] order, int from, int to, long epochKey) {
        int n = to - from;
        int out = (int) transform.outputShape().size();
        float[] values = new float[n * out];
        int[] labels = new int[n];
        byte[] src = images.rawPixels();
        int itemSize = images.itemSize();
        for (int i = 0; i < n; i++) {
            int example = order[from + i];
            labels[i] = images.label(example);
            transform.apply(src, example * itemSize, values, i * out, SeededRandom.derive(epochKey, example));
        }
        return new Batch(values, labels, n, transform.outputShape());
    }

    @Override
    public String toString() {
        return name + " (" + size() + " x " + itemShape() + ", " + classes() + " classes)";
    }
}
