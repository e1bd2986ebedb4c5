package dev.zoo.bench.compare;

/**
 * How {@code zoo compare --speed-only} times: batches of {@code batch}, {@code warmup} untimed
 * steps, then {@code rounds} rounds of {@code roundSteps} steps in each of {@code forks} processes
 * per runner. More than one process per runner because a kernel's speed can depend on where its
 * buffers land in memory, which is decided once per process: the same TensorFlow network's max-pool
 * gradient took 3.6 ms in one process and 7.5 ms in the next (docs/measurements.md).
 */
public record SpeedPlan(int batch, int warmup, int rounds, int roundSteps, int forks) {

    public SpeedPlan {
        if (batch < 1 || rounds < 1 || roundSteps < 1 || forks < 1 || warmup < 0) {
            throw new IllegalArgumentException("speed: batch, rounds, steps per round and processes per runner must be"
                    + " >= 1 and warm-up >= 0, got batch " + batch + ", " + rounds + " rounds of " + roundSteps
                    + " steps, " + forks + " processes, " + warmup + " warm-up steps");
        }
    }

    /** The defaults of {@code zoo compare --speed-only} at batch {@code batch}. */
    public static SpeedPlan defaults(int batch) {
        return new SpeedPlan(batch, 3, 6, 5, 2);
    }
}
