package dev.zoo.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarmUpTest {

    /** A fake machine: each step takes 100 ms; the compiler works {@code compiling[i]} ms during step i. */
    private static final class Fake {
        final long[] compiling;
        long nanos;
        long compiled;
        int steps;

        Fake(long... compiling) {
            this.compiling = compiling;
        }

        void step() {
            nanos += 100_000_000L;
            compiled += steps < compiling.length ? compiling[steps] : 0;
            steps++;
        }
    }

    @Test
    void keepsSteppingUntilAWindowSpendsAtMostTwoPercentCompiling() {
        // 3 minimum steps, then windows of 3: steps 3-5 compile 10 ms each (10% of 300 ms), steps 6-8
        // compile 2 ms each (6 of 300 ms: 2%, settled)
        Fake f = new Fake(50, 50, 50, 10, 10, 10, 2, 2, 2, 500);
        WarmUp.Result r = WarmUp.run(f::step, 3, () -> f.compiled, () -> f.nanos);
        assertEquals(9, r.steps());
        assertEquals(9, f.steps);
        assertEquals(150 + 30 + 6, r.compileMillis());
        assertTrue(r.settled());
    }

    @Test
    void aWindowJustAboveTheShareIsNotSettled() {
        Fake f = new Fake(0, 0, 0, 3, 2, 2, 0, 0, 0);
        WarmUp.Result r = WarmUp.run(f::step, 3, () -> f.compiled, () -> f.nanos);
        assertEquals(9, r.steps(), "7 ms in 300 ms is over 2%");
    }

    @Test
    void givesUpAfterTheTimeLimitAndSaysSo() {
        long[] busy = new long[10_000];
        java.util.Arrays.fill(busy, 50);
        Fake f = new Fake(busy);
        WarmUp.Result r = WarmUp.run(f::step, 3, () -> f.compiled, () -> f.nanos);
        assertFalse(r.settled());
        assertEquals(201, r.steps(), "3 + windows of 3 until 20 s of 100 ms steps have passed");
    }

    @Test
    void withoutTheCompilersTimeItTakesTheMinimum() {
        Fake f = new Fake(50, 50, 50, 50);
        WarmUp.Result r = WarmUp.run(f::step, 3, null, () -> f.nanos);
        assertEquals(3, r.steps());
        assertEquals(-1, r.compileMillis());
        assertFalse(r.settled());
    }

    @Test
    void aMinimumOfZeroStillWaitsForTheCompiler() {
        Fake f = new Fake(30, 30, 30, 0, 0, 0);
        WarmUp.Result r = WarmUp.run(f::step, 0, () -> f.compiled, () -> f.nanos);
        assertEquals(6, r.steps());
    }
}
