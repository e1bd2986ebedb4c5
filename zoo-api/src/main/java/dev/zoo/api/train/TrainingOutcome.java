package dev.zoo.api.train;

/**
 * What {@link Training#run} produced.
 *
 * @param folder     the run folder
 * @param result     the loop's result (losses, epochs, final state)
 * @param evaluation the final test-split evaluation, or null without a test split
 */
public record TrainingOutcome(RunFolder folder, TrainingResult result, Evaluation evaluation) {
}
