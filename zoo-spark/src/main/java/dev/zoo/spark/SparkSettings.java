package dev.zoo.spark;

import java.util.Objects;

/**
 * How a run is spread over Spark: {@code workers} tasks per round (each trains a contiguous share of
 * the round's batch), {@code syncEvery} local steps per task between averages (1: every step, which
 * equals one process on the whole batch for SGD), and a hook each task attempt calls first.
 */
public record SparkSettings(int workers, int syncEvery, TaskHook hook) {

    public SparkSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("spark: workers must be >= 1, got " + workers);
        }
        if (syncEvery < 1) {
            throw new IllegalArgumentException("spark: --sync-every must be >= 1 step, got " + syncEvery);
        }
        Objects.requireNonNull(hook, "hook");
    }

    public SparkSettings(int workers, int syncEvery) {
        this(workers, syncEvery, TaskHook.NONE);
    }

    public SparkSettings withHook(TaskHook h) {
        return new SparkSettings(workers, syncEvery, h);
    }

    /**
     * The batch the training loop hands over per round: {@code syncEvery} steps of the batch one
     * synchronous step takes ({@code stepBatch}, all workers together).
     */
    public int roundBatch(int stepBatch) {
        return Math.multiplyExact(stepBatch, syncEvery);
    }
}
