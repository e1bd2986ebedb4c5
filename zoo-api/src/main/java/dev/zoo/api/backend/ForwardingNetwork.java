package dev.zoo.api.backend;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Weights;
import java.util.Map;

/**
 * A network that forwards every call to another, for wrappers that change one behaviour (fault
 * injection in contract tests, timing, logging) without re-implementing the rest.
 */
public abstract class ForwardingNetwork implements Network {

    private final Network delegate;

    protected ForwardingNetwork(Network delegate) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    }

    protected Network delegate() {
        return delegate;
    }

    @Override
    public Architecture architecture() {
        return delegate.architecture();
    }

    @Override
    public String backendId() {
        return delegate.backendId();
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        return delegate.trainStep(batch, learningRate);
    }

    @Override
    public float[] predict(Batch batch) {
        return delegate.predict(batch);
    }

    @Override
    public Weights exportWeights() {
        return delegate.exportWeights();
    }

    @Override
    public void importWeights(Weights weights) {
        delegate.importWeights(weights);
    }

    @Override
    public Weights exportOptimizerState() {
        return delegate.exportOptimizerState();
    }

    @Override
    public void importOptimizerState(Weights state) {
        delegate.importOptimizerState(state);
    }

    @Override
    public GradientProbe gradientProbe() {
        return delegate.gradientProbe();
    }

    @Override
    public Map<String, Double> lastGradientNorms() {
        return delegate.lastGradientNorms();
    }

    @Override
    public void recordGradientNorms(boolean record) {
        delegate.recordGradientNorms(record);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
