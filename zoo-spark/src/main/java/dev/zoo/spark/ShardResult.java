package dev.zoo.spark;

import java.io.Serializable;

/**
 * Shards' results summed, each weighted by its share of the round's items: weights and optimiser
 * state (in the round state's order), the items-weighted loss, and the slowest shard's training time.
 * Summing all shards gives the average that the next round starts from.
 */
final class ShardResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final float[][] weights;
    private final float[][] optimizer;
    private final double loss;
    private final int items;
    private final long slowestNanos;

    ShardResult(float[][] weights, float[][] optimizer, double loss, int items, long slowestNanos) {
        this.weights = weights;
        this.optimizer = optimizer;
        this.loss = loss;
        this.items = items;
        this.slowestNanos = slowestNanos;
    }

    /** One shard's values scaled by {@code share}. */
    static ShardResult scaled(float[][] weights, float[][] optimizer, double share, double loss, int items, long nanos) {
        return new ShardResult(scale(weights, (float) share), scale(optimizer, (float) share), share * loss, items, nanos);
    }

    private static float[][] scale(float[][] values, float share) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            float[] v = values[i];
            float[] o = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                o[j] = v[j] * share;
            }
            out[i] = o;
        }
        return out;
    }

    /** The sum of two partial results (it reuses this one's arrays). */
    ShardResult plus(ShardResult other) {
        add(weights, other.weights);
        add(optimizer, other.optimizer);
        return new ShardResult(weights, optimizer, loss + other.loss, items + other.items,
                Math.max(slowestNanos, other.slowestNanos));
    }

    private static void add(float[][] into, float[][] values) {
        for (int i = 0; i < into.length; i++) {
            float[] a = into[i];
            float[] b = values[i];
            for (int j = 0; j < a.length; j++) {
                a[j] += b[j];
            }
        }
    }

    float[][] weights() {
        return weights;
    }

    float[][] optimizer() {
        return optimizer;
    }

    double loss() {
        return loss;
    }

    int items() {
        return items;
    }

    long slowestNanos() {
        return slowestNanos;
    }

    long valueBytes() {
        long n = 0;
        for (float[][] group : new float[][][] {weights, optimizer}) {
            for (float[] v : group) {
                n += 4L * v.length;
            }
        }
        return n;
    }
}
