package dev.zoo.spark;

import java.util.Locale;

/**
 * What the rounds of a run cost: their number, the bytes of tensor values broadcast to the workers
 * and collected back (float32 payload, before Spark's own framing), the driver's wall time per round
 * and the slowest task's training time, whose difference is the cost of synchronising.
 */
public record SyncStats(long rounds, long broadcastBytes, long collectedBytes, long roundNanos, long slowestTaskNanos) {

    static final SyncStats NONE = new SyncStats(0, 0, 0, 0, 0);

    SyncStats plus(long broadcast, long collected, long round, long slowest) {
        return new SyncStats(rounds + 1, broadcastBytes + broadcast, collectedBytes + collected, roundNanos + round,
                slowestTaskNanos + slowest);
    }

    /** Bytes moved per round, both ways. */
    public double bytesPerRound() {
        return rounds == 0 ? 0 : (double) (broadcastBytes + collectedBytes) / rounds;
    }

    /** Milliseconds per round that are not the slowest task's training: scheduling, (de)serialising, averaging. */
    public double overheadMillisPerRound() {
        return rounds == 0 ? 0 : (roundNanos - slowestTaskNanos) / 1e6 / rounds;
    }

    public double roundMillis() {
        return rounds == 0 ? 0 : roundNanos / 1e6 / rounds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d rounds, %.1f MB moved per round, %.1f ms per round of which %.1f ms sync",
                rounds, bytesPerRound() / 1e6, roundMillis(), overheadMillisPerRound());
    }
}
