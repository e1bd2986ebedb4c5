package dev.zoo.api.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes per-tensor gradient L2 norms to {@code gradient-norms.csv} ({@code step,tensor,norm}, one
 * row per tensor), to see vanishing or exploding gradients layer by layer.
 */
public final class GradientNormLog implements TrainingListener, AutoCloseable {

    private final LineLog csv;

    public GradientNormLog(Path directory) {
        this.csv = new LineLog(directory.resolve("gradient-norms.csv"), "step,tensor,norm");
    }

    @Override
    public void onGradientNorms(long step, Map<String, Double> norms) {
        norms.forEach((name, norm) -> csv.line(String.format(Locale.ROOT, "%d,%s,%.6g", step + 1, name, norm)));
    }

    @Override
    public void onEnd(TrainingState state, RuntimeException failure) {
        close();
    }

    @Override
    public void close() {
        csv.close();
    }
}
