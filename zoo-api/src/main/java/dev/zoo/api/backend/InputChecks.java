package dev.zoo.api.backend;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.weights.WeightsValidator;

/**
 * The checks every backend makes on what it is handed, in Java before any native code sees it:
 * a batch must fit the architecture, a learning rate must be usable, imported weights must fit
 * exactly. Messages start with the backend and the architecture, then the rule and the value.
 */
public final class InputChecks {

    private InputChecks() {
    }

    /** Items of the architecture's input shape and labels in {@code [0, classes)}. */
    public static void batch(String backendId, Architecture architecture, Batch batch) {
        String who = backendId + " " + architecture.name();
        if (batch == null) {
            throw new IllegalArgumentException(who + ": batch must not be null");
        }
        if (!batch.itemShape().equals(architecture.input())) {
            throw new IllegalArgumentException(who + ": batch items must have shape " + architecture.input()
                    + " (the architecture's input), got " + batch.itemShape());
        }
        int[] labels = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= architecture.classes()) {
                throw new IllegalArgumentException(who + ": label " + labels[i] + " of example " + i
                        + " must be in [0, " + architecture.classes() + ")");
            }
        }
    }

    /** A learning rate {@code >= 0} and finite. */
    public static void learningRate(String backendId, Architecture architecture, double learningRate) {
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(backendId + " " + architecture.name()
                    + ": learning rate must be >= 0 and finite, got " + learningRate);
        }
    }

    /** Exactly the architecture's tensor names, each of its canonical shape ({@link WeightsValidator}). */
    public static void weights(String backendId, Architecture architecture, Weights weights) {
        if (weights == null) {
            throw new IllegalArgumentException(backendId + " " + architecture.name() + ": weights must not be null");
        }
        try {
            WeightsValidator.check(weights, architecture);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(backendId + ": " + e.getMessage(), e);
        }
    }
}
