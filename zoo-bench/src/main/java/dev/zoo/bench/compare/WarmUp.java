package dev.zoo.bench.compare;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * The untimed steps of a JVM runner before its first round: at least the plan's warm-up steps, then
 * windows of {@link #WINDOW} more until the JIT compiler has settled, that is until it spent at most
 * {@link #SETTLED_SHARE} of a window's wall time compiling, or {@link #MAX_SECONDS} have passed. On
 * 2 cores a compiler thread takes a core from the engine's two native threads: ResNet-20 at batch
 * 128 on djl-pytorch compiled for 0.4 s of a 1.2 s round five steps after a three-step warm-up, and
 * its first seven rounds of five steps ran 8% slower on average than with the compiler quiet
 * (docs/measurements.md). Python has no JIT to wait for; it keeps the plan's warm-up.
 */
final class WarmUp {

    /** Steps per window between two readings of the compiler's time. */
    static final int WINDOW = 3;
    /** At most this share of a window's wall time spent compiling counts as settled. */
    static final double SETTLED_SHARE = 0.02;
    /** Warm-up gives up waiting for the compiler after this long and times what it has. */
    static final double MAX_SECONDS = 20;

    /** What a warm-up did: its steps, and the compiler's milliseconds during them (-1 if not known). */
    record Result(int steps, long compileMillis, boolean settled) {
    }

    private WarmUp() {
    }

    /** Runs the warm-up of this JVM's compiler: {@code minimum} steps, then windows until it has settled. */
    static Result run(Runnable step, int minimum) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        LongSupplier compiled = jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit::getTotalCompilationTime : null;
        return run(step, minimum, compiled, System::nanoTime);
    }

    /**
     * As {@link #run(Runnable, int)} with the compiler's total milliseconds read from
     * {@code compileMillis} (null: not known, so {@code minimum} steps only) and time from
     * {@code nanoTime}.
     */
    static Result run(Runnable step, int minimum, LongSupplier compileMillis, LongSupplier nanoTime) {
        long start = nanoTime.getAsLong();
        long compiledAtStart = compileMillis == null ? 0 : compileMillis.getAsLong();
        int steps = 0;
        for (; steps < minimum; steps++) {
            step.run();
        }
        if (compileMillis == null) {
            return new Result(steps, -1, false);
        }
        boolean settled = false;
        while (!settled && (nanoTime.getAsLong() - start) / 1e9 < MAX_SECONDS) {
            long c0 = compileMillis.getAsLong();
            long t0 = nanoTime.getAsLong();
            for (int i = 0; i < WINDOW; i++, steps++) {
                step.run();
            }
            double wallMillis = (nanoTime.getAsLong() - t0) / 1e6;
            settled = compileMillis.getAsLong() - c0 <= SETTLED_SHARE * wallMillis;
        }
        return new Result(steps, compileMillis.getAsLong() - compiledAtStart, settled);
    }
}
