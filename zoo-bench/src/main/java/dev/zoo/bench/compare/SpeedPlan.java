package dev.zoo.bench.compare;

/**
 * How {@code zoo compare --speed-only} times: batches of {@code batch}, {@code warmup} untimed
 * steps, then {@code rounds} rounds of {@code roundSteps} steps in each of {@code forks} processes
 * per runner. More than one process per runner because a kernel's speed can depend on where its
 * buffers land in memory, which is decided once per process: the same TensorFlow network's max-pool
 * gradient took 3.6 ms in one process and 7.5 ms in the next (docs/measurements.md).
 *
 * <p>Each timed round (training or inference) is preceded in its process by {@code settleSteps}
 * untimed steps of the same kind: a process that has just been idle while others computed, or has
 * just switched between its inference and training passes, pays for that on its first step, which
 * a network training on its own would not. The djl-mxnet lesson CNN at batch 128 took 42-76 ms on
 * the first training step after an inference round and 15-20 ms on the next ones; without inference
 * rounds its first step took 21-26 ms, as the hand-written network's did (docs/measurements.md).
 */
public record SpeedPlan(int batch, int warmup, int rounds, int roundSteps, int forks, int settleSteps) {

    /** Untimed steps before each timed round, unless told otherwise. */
    public static final int SETTLE_STEPS = 1;

    public SpeedPlan {
        if (batch < 1 || rounds < 1 || roundSteps < 1 || forks < 1 || warmup < 0 || settleSteps < 0) {
            throw new IllegalArgumentException("speed: batch, rounds, steps per round and processes per runner must be"
                    + " >= 1 and warm-up and settling steps >= 0, got batch " + batch + ", " + rounds + " rounds of "
                    + roundSteps + " steps, " + forks + " processes, " + warmup + " warm-up steps, " + settleSteps
                    + " settling steps");
        }
    }

    /** As {@link SpeedPlan#SpeedPlan(int, int, int, int, int, int)} with {@link #SETTLE_STEPS}. */
    public SpeedPlan(int batch, int warmup, int rounds, int roundSteps, int forks) {
        this(batch, warmup, rounds, roundSteps, forks, SETTLE_STEPS);
    }

    /** The defaults of {@code zoo compare --speed-only} at batch {@code batch}. */
    public static SpeedPlan defaults(int batch) {
        return new SpeedPlan(batch, 3, 6, 5, 2);
    }
}
