package dev.zoo.examples;

import dev.zoo.api.train.StepEvent;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingState;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A line every tenth of a short run's steps (and at its last), so a network that takes a minute
 * to train is seen to be training: the step, its loss and the seconds since training began (as the run's own
 * time counts them: compiling the network is not included).
 */
final class StepProgress implements TrainingListener {

    private final PrintStream out;
    private final long steps;
    private final long every;
    private long start = System.nanoTime();

    /** Reports a run of {@code steps} steps to {@code out}. */
    StepProgress(PrintStream out, long steps) {
        this.out = out;
        this.steps = steps;
        this.every = Math.max(1, steps / 10);
    }

    @Override
    public void onStart(TrainingConfig config, TrainingState state, long totalSteps) {
        start = System.nanoTime();
    }

    @Override
    public void onStep(StepEvent e) {
        long done = e.step() + 1;
        if (done % every == 0 || done == steps) {
            out.printf(Locale.ROOT, "  step %d/%d: loss %.4f, %.1f s%n", done, steps, e.loss(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
