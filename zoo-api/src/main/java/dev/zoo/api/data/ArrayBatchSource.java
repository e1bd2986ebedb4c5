package dev.zoo.api.data;

import dev.zoo.api.spec.Shape;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A split held in memory as arrays, served in an order shuffled per epoch from a seed (or in
 * stored order), for tests, small experiments and applications that bring their own data.
 */
public final class ArrayBatchSource implements BatchSource {

    private final float[] images;
    private final int[] labels;
    private final Shape itemShape;
    private final List<String> classNames;
    private final long seed;
    private final boolean shuffle;

    /**
     * @param images     {@code labels.length * itemShape.size()} values, example after example
     * @param labels     one class index per example, each in {@code [0, classNames.size())}
     * @param shuffle    serve each epoch in its own seeded order; false serves the stored order
     */
    public ArrayBatchSource(float[] images, int[] labels, Shape itemShape, List<String> classNames, long seed,
            boolean shuffle) {
        this.itemShape = itemShape;
        this.classNames = List.copyOf(classNames);
        if (labels.length == 0) {
            throw new IllegalArgumentException("array source: needs at least one example, got none");
        }
        if ((long) labels.length * itemShape.size() != images.length) {
            throw new IllegalArgumentException("array source: " + labels.length + " examples of " + itemShape + " need "
                    + (long) labels.length * itemShape.size() + " values, got " + images.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("array source: label of example " + i + " must be in [0, "
                        + classNames.size() + "), got " + labels[i]);
            }
        }
        this.images = images;
        this.labels = labels;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    @Override
    public Shape itemShape() {
        return itemShape;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public BatchIterator batches(int epoch, int batchSize, int fromBatch) {
        if (batchSize < 1 || fromBatch < 0) {
            throw new IllegalArgumentException("array source: batch size must be >= 1 and the first batch >= 0, got "
                    + batchSize + " and " + fromBatch);
        }
        int[] order = order(epoch);
        int item = (int) itemShape.size();
        return new BatchIterator() {
            private int next = Math.min(fromBatch * batchSize, order.length);

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("array source: epoch " + epoch + " has no more batches");
                }
                int n = Math.min(batchSize, order.length - next);
                float[] x = new float[n * item];
                int[] y = new int[n];
                for (int i = 0; i < n; i++) {
                    int e = order[next + i];
                    System.arraycopy(images, e * item, x, i * item, item);
                    y[i] = labels[e];
                }
                next += n;
                return new Batch(x, y, n, itemShape);
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    private int[] order(int epoch) {
        int[] order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }
}
