package dev.zoo.spark;

import java.io.Serializable;

/**
 * Called by every task attempt before it trains its shard, with the round, the shard and Spark's
 * attempt number (0 for the first): for logging, and for tests that make an attempt fail to see
 * Spark retry it. Runs on the worker, so it must be serializable.
 */
@FunctionalInterface
public interface TaskHook extends Serializable {

    /** Does nothing. */
    TaskHook NONE = (round, shard, attempt) -> { };

    void beforeShard(long round, int shard, int attempt);
}
