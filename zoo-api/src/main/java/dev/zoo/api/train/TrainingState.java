package dev.zoo.api.train;

/**
 * Where a run stands, as a checkpoint records it: everything besides tensors that a resumed run
 * needs to continue exactly where it stopped.
 *
 * @param backendId    backend that trained it
 * @param architecture architecture name
 * @param step         optimiser steps taken so far (the next step's index)
 * @param epoch        epoch of the next batch (0-based)
 * @param nextBatch    index in that epoch of the next batch to train on
 * @param seed         the run's seed; the data order of an epoch is a function of it and the epoch
 */
public record TrainingState(String backendId, String architecture, long step, int epoch, int nextBatch, long seed) {

    public TrainingState {
        if (step < 0 || epoch < 0 || nextBatch < 0) {
            throw new IllegalArgumentException("training state: step, epoch and batch must be >= 0, got step " + step
                    + ", epoch " + epoch + ", batch " + nextBatch);
        }
    }

    /** The state before the first step. */
    public static TrainingState start(String backendId, String architecture, long seed) {
        return new TrainingState(backendId, architecture, 0, 0, 0, seed);
    }
}
