package dev.zoo.spark;

import dev.zoo.api.backend.Network;
import java.io.Serializable;

/**
 * What every task of a round starts from: the weights (batch-norm statistics included) and the
 * optimiser state, broadcast by the driver. A task that is retried starts again from it, so a
 * retried round gives the same result as an undisturbed one.
 */
final class RoundState implements Serializable {

    private static final long serialVersionUID = 1L;

    // a class, not a record: Kryo (spark.serializer on many clusters) cannot build records
    private final TensorBundle weights;
    private final TensorBundle optimizer;

    RoundState(TensorBundle weights, TensorBundle optimizer) {
        this.weights = weights;
        this.optimizer = optimizer;
    }

    TensorBundle weights() {
        return weights;
    }

    TensorBundle optimizer() {
        return optimizer;
    }

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
