package dev.zoo.api.train;

/**
 * An epoch has ended.
 *
 * @param epoch           0-based epoch
 * @param step            steps taken so far
 * @param trainLoss       mean training loss of the steps this process ran in the epoch
 * @param evaluation      the test-split evaluation, or null when not evaluated
 * @param seconds         wall time of the epoch in this process, evaluation included
 * @param imagesPerSecond training throughput of the epoch
 */
public record EpochEvent(int epoch, long step, double trainLoss, Evaluation evaluation, double seconds,
        double imagesPerSecond) {
}
