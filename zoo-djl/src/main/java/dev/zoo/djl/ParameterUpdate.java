package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import dev.zoo.api.weights.Weights;

/**
 * An optimiser's rule applied in place to each trainable parameter, with its state kept as
 * NDArrays next to the parameters and exchanged as canonical named tensors.
 */
interface ParameterUpdate {

    /** Called once per training step before the parameters are updated. */
    void beginStep();

    /** Updates {@code weight} in place from {@code gradient} at learning rate {@code lr}. */
    void apply(String name, NDArray weight, NDArray gradient, double lr);

    Weights exportState();

    /** Replaces the state; fails naming the tensor and changes nothing when one is missing or misshapen. */
    void importState(Weights state);
}
