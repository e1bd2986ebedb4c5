package dev.zoo.examples;

import dev.zoo.api.train.TrainingListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the per-tensor gradient L2 norms the training loop reports for the first {@code steps}
 * steps (set {@code TrainingConfig.gradientNormEverySteps(1)} so it reports every step).
 */
final class GradientNormRecorder implements TrainingListener {

    private final int steps;
    private final Map<Long, Map<String, Double>> byStep = new LinkedHashMap<>();

    GradientNormRecorder(int steps) {
        this.steps = steps;
    }

    @Override
    public void onGradientNorms(long step, Map<String, Double> norms) {
        if (step < steps) {
            byStep.put(step, Map.copyOf(norms));
        }
    }

    /** Norms by 0-based step, then by tensor name; empty when the backend reports none. */
    Map<Long, Map<String, Double>> byStep() {
        return Collections.unmodifiableMap(byStep);
    }

    /** The mean over the recorded steps of {@code tensor}'s gradient norm (NaN if never recorded). */
    double mean(String tensor) {
        return byStep.values().stream().map(m -> m.get(tensor)).filter(v -> v != null).mapToDouble(v -> v).average()
                .orElse(Double.NaN);
    }

    /** The mean over the recorded steps of several tensors' norms, averaged geometrically over the tensors. */
    double geometricMean(List<String> tensors) {
        double logSum = 0;
        for (String t : tensors) {
            logSum += Math.log(mean(t));
        }
        return Math.exp(logSum / tensors.size());
    }
}
