package dev.zoo.api.spec;

/** How a pooling window is reduced. */
public enum PoolType {
    MAX, AVG
}
