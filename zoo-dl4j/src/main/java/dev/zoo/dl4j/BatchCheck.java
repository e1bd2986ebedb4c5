package dev.zoo.dl4j;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;

/** Rejects a batch that does not fit an architecture, in Java, before any native code sees it. */
final class BatchCheck {

    private BatchCheck() {
    }

    static void require(Architecture architecture, Batch batch) {
        if (batch == null) {
            throw new IllegalArgumentException("dl4j: batch must not be null");
        }
        if (!batch.itemShape().equals(architecture.input())) {
            throw new IllegalArgumentException("dl4j: batch examples of shape " + batch.itemShape()
                    + " do not match the input " + architecture.input() + " of " + architecture.name());
        }
        int[] labels = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= architecture.classes()) {
                throw new IllegalArgumentException("dl4j: label " + labels[i] + " of example " + i
                        + " is outside [0, " + architecture.classes() + ") for " + architecture.name());
            }
        }
    }
}
