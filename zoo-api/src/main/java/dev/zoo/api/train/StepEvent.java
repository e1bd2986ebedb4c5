package dev.zoo.api.train;

/**
 * One optimiser step has been taken.
 *
 * @param step             index of this step over the run (0-based)
 * @param totalSteps       the step at which this call will stop (for progress and ETA)
 * @param epoch            0-based epoch
 * @param batch            index of the batch within its epoch
 * @param batchesPerEpoch  batches in one epoch
 * @param loss             mean loss of the batch before the update
 * @param learningRate     the rate this step used
 * @param examples         examples in this batch
 * @param imagesPerSecond  training throughput of this epoch so far (the epoch's {@link EpochEvent}
 *                         reports the same measure over the whole epoch)
 * @param etaSeconds       estimated seconds until the last step, at the average pace of this
 *                         process's steps so far, evaluations included
 */
public record StepEvent(long step, long totalSteps, int epoch, int batch, int batchesPerEpoch, double loss,
        double learningRate, int examples, double imagesPerSecond, double etaSeconds) {
}
