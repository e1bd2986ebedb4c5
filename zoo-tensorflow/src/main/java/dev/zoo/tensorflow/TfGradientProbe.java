package dev.zoo.tensorflow;

import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.data.Batch;
import java.util.Map;

/**
 * Float64 loss and gradients of a {@link TfNetwork} from a separate forward pass of the same graph:
 * batch statistics, no dropout, and no assignment, so the probe changes nothing.
 */
final class TfGradientProbe implements GradientProbe {

    private final TfNetwork<?> network;

    TfGradientProbe(TfNetwork<?> network) {
        this.network = network;
    }

    @Override
    public Map<String, double[]> parameters() {
        return network.trainableParameters();
    }

    @Override
    public void set(String name, double[] values) {
        network.setParameter(name, values);
    }

    @Override
    public double loss(Batch batch) {
        return network.probeLoss(batch);
    }

    @Override
    public Map<String, double[]> gradients(Batch batch) {
        return network.probeGradients(batch);
    }
}
