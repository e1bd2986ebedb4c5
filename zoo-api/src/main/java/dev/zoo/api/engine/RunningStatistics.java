package dev.zoo.api.engine;

/**
 * PyTorch's rule for batch norm's running statistics, written once for every engine: with momentum
 * {@code m} (the weight of the new batch), {@code mean = (1 - m) mean + m batchMean} and
 * {@code var = (1 - m) var + m unbiasedBatchVar}. The batch normalises with its biased variance over
 * the {@code n} values per channel, but PyTorch folds in the unbiased one, {@link #unbias} times it
 * (for {@code n = 1} the biased one as is).
 */
public final class RunningStatistics {

    /** New running mean and variance. */
    public record Folded<T>(T mean, T variance) {
    }

    private RunningStatistics() {
    }

    /** The factor {@code n / (n - 1)} that turns a biased variance over {@code n} values into the unbiased one. */
    public static double unbias(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("batch norm: values per channel must be >= 1, got " + n);
        }
        return n > 1 ? (double) n / (n - 1) : 1.0;
    }

    /** Folds one batch's statistics into the running ones. */
    public static <T> Folded<T> fold(Arithmetic<T> ops, double momentum, T runningMean, T runningVar, T batchMean,
            T unbiasedBatchVar) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch norm: momentum must be in [0, 1], got " + momentum);
        }
        T mean = ops.plus(ops.times(batchMean, momentum), ops.times(runningMean, 1 - momentum));
        T variance = ops.plus(ops.times(unbiasedBatchVar, momentum), ops.times(runningVar, 1 - momentum));
        return new Folded<>(mean, variance);
    }
}
