package dev.zoo.datasets.pipeline;

/**
 * SplitMix64, written out here so the numbers are fixed by this code and not by a JDK version:
 * the same seed gives the same shuffle and the same augmentation on every machine and backend.
 *
 * @see <a href="https://doi.org/10.1145/2714064.2660195">Steele, Lea, Flood: Fast splittable pseudorandom number generators</a>
 */
public final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** A well-mixed 64-bit function of {@code z} (the SplitMix64 finaliser). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A key derived from a parent key and a child number (seed -> epoch -> example), independent per child. */
    public static long derive(long parent, long child) {
        return mix(parent + GOLDEN_GAMMA * (child + 1) ^ mix(child ^ 0x632BE59BD9B4E019L));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** A value in 0..bound-1 (the high 32 bits scaled, bias below 2^-32 x bound). */
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("random: bound must be >= 1, got " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** A shuffled copy of {@code values} (Fisher-Yates). */
    public int[] shuffled(int[] values) {
        int[] out = values.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
