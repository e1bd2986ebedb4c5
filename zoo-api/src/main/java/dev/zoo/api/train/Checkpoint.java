package dev.zoo.api.train;

import dev.zoo.api.weights.Weights;
import java.nio.file.Path;

/**
 * A verified checkpoint as loaded from disk: where the run stood, the network's weights and the
 * optimiser's state, all in canonical names and layouts so any backend can resume from it.
 *
 * @param state          step, epoch, next batch and seed
 * @param weights        every parameter and batch-norm statistic
 * @param optimizerState the optimiser's named tensors ({@code Network.exportOptimizerState()})
 * @param directory      where it was read from
 */
public record Checkpoint(TrainingState state, Weights weights, Weights optimizerState, Path directory) {
}
