package dev.zoo.cli;

/**
 * Training on Spark: the master ({@code local[2]}, {@code spark://host:7077}, {@code yarn}; null
 * under {@code spark-submit}, which sets it), the number of workers (0: Spark's default
 * parallelism) and the local steps between averages.
 */
public record SparkRequest(String master, int workers, int syncEvery) {

    public SparkRequest {
        if (workers < 0) {
            throw new IllegalArgumentException("--workers must be >= 1 (or 0 for Spark's default parallelism), got "
                    + workers);
        }
        if (syncEvery < 1) {
            throw new IllegalArgumentException("--sync-every must be >= 1 step, got " + syncEvery);
        }
    }
}
