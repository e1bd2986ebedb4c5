package dev.zoo.api.train;

import java.util.List;

/**
 * What a finished call to {@link Trainer#fit} produced.
 *
 * @param state       where the run stands now (resume from here)
 * @param stepLosses  the loss of every step this call ran, in order
 * @param epochs      the epochs that ended during this call
 * @param finished    true when every epoch ran; false when stopped by {@link TrainingConfig#maxSteps()}
 */
public record TrainingResult(TrainingState state, List<Double> stepLosses, List<EpochEvent> epochs, boolean finished) {

    public TrainingResult {
        stepLosses = List.copyOf(stepLosses);
        epochs = List.copyOf(epochs);
    }

    /** The last evaluation, or null when none ran. */
    public Evaluation lastEvaluation() {
        for (int i = epochs.size() - 1; i >= 0; i--) {
            if (epochs.get(i).evaluation() != null) {
                return epochs.get(i).evaluation();
            }
        }
        return null;
    }
}
