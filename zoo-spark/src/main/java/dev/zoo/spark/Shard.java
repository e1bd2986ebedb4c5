package dev.zoo.spark;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One worker's part of a round: a contiguous slice of the round's batch, cut into the local steps
 * it trains before the results are averaged ({@code stepSizes}, one per step, all >= 1).
 */
final class Shard implements Serializable {

    private static final long serialVersionUID = 1L;

    // a class, not a record: Kryo (spark.serializer on many clusters) cannot build records
    private final long round;
    private final int index;
    private final float[] images;
    private final int[] labels;
    private final int[] stepSizes;
    private final double learningRate;
    private final String itemShape;

    Shard(long round, int index, float[] images, int[] labels, int[] stepSizes, double learningRate, String itemShape) {
        this.round = round;
        this.index = index;
        this.images = images;
        this.labels = labels;
        this.stepSizes = stepSizes;
        this.learningRate = learningRate;
        this.itemShape = itemShape;
    }

    long round() {
        return round;
    }

    int index() {
        return index;
    }

    int[] labels() {
        return labels;
    }

    int[] stepSizes() {
        return stepSizes;
    }

    double learningRate() {
        return learningRate;
    }

    int size() {
        return labels.length;
    }

    /** The batch of local step {@code step}. */
    Batch step(int step) {
        Shape shape = Shape.parse(itemShape);
        int from = 0;
        for (int s = 0; s < step; s++) {
            from += stepSizes[s];
        }
        int n = stepSizes[step];
        int item = Math.toIntExact(shape.size());
        return new Batch(Arrays.copyOfRange(images, from * item, (from + n) * item),
                Arrays.copyOfRange(labels, from, from + n), n, shape);
    }

    /**
     * Cuts {@code batch} into at most {@code workers} contiguous slices as even as possible, each cut
     * into at most {@code steps} local steps as even as possible; empty slices and steps are left out
     * (a batch smaller than the workers uses fewer of them).
     */
    static List<Shard> split(long round, Batch batch, int workers, int steps, double learningRate) {
        int item = Math.toIntExact(batch.itemShape().size());
        List<Shard> shards = new ArrayList<>();
        int from = 0;
        for (int w = 0; w < workers; w++) {
            int n = evenPart(batch.size(), workers, w);
            if (n == 0) {
                continue;
            }
            int[] sizes = new int[Math.min(steps, n)];
            for (int s = 0; s < sizes.length; s++) {
                sizes[s] = evenPart(n, sizes.length, s);
            }
            shards.add(new Shard(round, shards.size(), Arrays.copyOfRange(batch.images(), from * item, (from + n) * item),
                    Arrays.copyOfRange(batch.labels(), from, from + n), sizes, learningRate, batch.itemShape().toString()));
            from += n;
        }
        return shards;
    }

    /** Part {@code i} of {@code total} items cut into {@code parts}: the first {@code total % parts} get one more. */
    static int evenPart(int total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }
}
