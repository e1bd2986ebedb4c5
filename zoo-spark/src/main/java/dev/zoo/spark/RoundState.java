package dev.zoo.spark;

import dev.zoo.api.backend.Network;
import java.io.Serializable;

/**
 * What every task of a round starts from: the weights (batch-norm statistics included) and the
 * optimiser state, broadcast by the driver. A task that is retried starts again from it, so a
 * retried round gives the same result as an undisturbed one.
 */
record RoundState(TensorBundle weights, TensorBundle optimizer) implements Serializable {

    static RoundState of(Network network) {
        return new RoundState(TensorBundle.of(network.exportWeights()), TensorBundle.of(network.exportOptimizerState()));
    }

    void loadInto(Network network) {
        network.importWeights(weights.toWeights());
        network.importOptimizerState(optimizer.toWeights());
    }

    long valueBytes() {
        return weights.valueBytes() + optimizer.valueBytes();
    }
}
