package dev.zoo.api.data;

import dev.zoo.api.spec.Shape;
import java.util.List;

/**
 * A split of a dataset as backends see it: a fixed number of labelled examples that can be served
 * as batches. The order of an epoch depends only on the source's seed and the epoch number, so the
 * same run is the same on every backend, and a resumed run can skip to a batch index.
 */
public interface BatchSource {

    /** Shape of one example (CxHxW), after any preprocessing. */
    Shape itemShape();

    /** Number of examples in one epoch. */
    int size();

    /** Class names, indexed by label. */
    List<String> classNames();

    default int classes() {
        return classNames().size();
    }

    /** Number of batches in one epoch (the last one may be smaller). */
    default int batchCount(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }

    /**
     * The batches of epoch {@code epoch} (0-based), starting at batch index {@code fromBatch}
     * (0 for a whole epoch; a resumed run passes the next batch it has not trained on).
     */
    BatchIterator batches(int epoch, int batchSize, int fromBatch);
}
