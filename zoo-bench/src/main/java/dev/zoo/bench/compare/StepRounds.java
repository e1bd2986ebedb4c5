package dev.zoo.bench.compare;

import dev.zoo.api.train.EpochEvent;
import dev.zoo.api.train.StepEvent;
import dev.zoo.api.train.TrainingListener;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Times training in rounds of consecutive steps within an epoch, after a warm-up, so the figure is a
 * median of many rounds rather than one average that the first slow steps (JIT, allocator, native
 * kernels choosing their algorithms) and the evaluations would distort. Also notes when the first
 * step ended, counted from the JVM's start.
 */
final class StepRounds implements TrainingListener {

    private final int warmupSteps;
    private final List<Double> rates = new ArrayList<>();
    private int roundSteps;
    private long steps;
    private long roundStart = -1;
    private int inRound;
    private long imagesInRound;
    private Double firstStepSeconds;

    /** Skips the first {@code warmupSteps} steps; rounds are sized from the epoch's length at the first step. */
    StepRounds(int warmupSteps) {
        this.warmupSteps = warmupSteps;
    }

    /** Steps per timed round for an epoch of {@code batchesPerEpoch} steps: about ten rounds, 2 to 20 steps each. */
    static int roundSteps(int batchesPerEpoch) {
        return Math.max(2, Math.min(20, batchesPerEpoch / 10));
    }

    @Override
    public void onStep(StepEvent e) {
        long now = System.nanoTime();
        if (firstStepSeconds == null) {
            firstStepSeconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
            roundSteps = roundSteps(e.batchesPerEpoch());
        }
        steps++;
        if (steps <= warmupSteps) {
            return;
        }
        if (roundStart < 0) {
            roundStart = now;
            return;
        }
        inRound++;
        imagesInRound += e.examples();
        if (inRound == roundSteps) {
            rates.add(imagesInRound / ((now - roundStart) / 1e9));
            roundStart = now;
            inRound = 0;
            imagesInRound = 0;
        }
    }

    /** A round never spans an evaluation: the next one starts after the next step. */
    @Override
    public void onEpochEnd(EpochEvent e) {
        roundStart = -1;
        inRound = 0;
        imagesInRound = 0;
    }

    List<Double> rates() {
        return List.copyOf(rates);
    }

    Double firstStepSeconds() {
        return firstStepSeconds;
    }
}
