package dev.zoo.djl;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;

/** Rejects a batch that does not fit the network, in Java, before any native code sees it. */
final class BatchValidation {

    private BatchValidation() {
    }

    static void check(String backendId, Architecture architecture, Batch batch) {
        if (batch == null) {
            throw new IllegalArgumentException(backendId + " " + architecture.name() + ": batch is null");
        }
        if (!batch.itemShape().equals(architecture.input())) {
            throw new IllegalArgumentException(backendId + " " + architecture.name() + ": batch items must have shape "
                    + architecture.input() + " (the architecture's input), got " + batch.itemShape());
        }
        int[] labels = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= architecture.classes()) {
                throw new IllegalArgumentException(backendId + " " + architecture.name() + ": label of example " + i
                        + " must be in [0, " + architecture.classes() + "), got " + labels[i]);
            }
        }
    }
}
