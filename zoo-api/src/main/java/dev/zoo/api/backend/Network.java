package dev.zoo.api.backend;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Weights;
import java.util.Map;

/**
 * A compiled network owned by one backend. The loss is always mean softmax cross-entropy over the
 * batch, computed from the logits. Implementations must reject a batch whose item shape differs
 * from the architecture's input, or whose labels are outside {@code [0, classes)}, with a clear
 * message and without touching native code.
 */
public interface Network extends AutoCloseable {

    Architecture architecture();

    /** The id of the backend that compiled it. */
    String backendId();

    /**
     * One optimiser step in training mode (dropout on, batch norm on batch statistics and updating
     * its running statistics) at learning rate {@code learningRate}.
     *
     * @return the mean loss of the batch, computed before the update (may be NaN/Inf: the training
     *     loop's guard decides what to do)
     */
    double trainStep(Batch batch, double learningRate);

    /** Logits in evaluation mode: {@code batch.size() * classes} values, example after example. */
    float[] predict(Batch batch);

    /** All parameters and batch-norm statistics, canonical names and layouts. */
    Weights exportWeights();

    /**
     * Replaces all parameters and statistics. Fails naming the tensor for a missing name, an
     * unexpected name or a wrong shape, and changes nothing in that case.
     */
    void importWeights(Weights weights);

    /**
     * The optimiser's state as named tensors ({@code <parameter>.momentum} for SGD,
     * {@code <parameter>.adam_m} / {@code <parameter>.adam_v} for Adam, and a scalar {@code step}),
     * so a checkpoint can hold it and any backend can read it.
     */
    Weights exportOptimizerState();

    void importOptimizerState(Weights state);

    /**
     * Float64 access for gradient checks, when compiled with {@link Precision#FLOAT64}.
     *
     * @throws UnsupportedOperationException otherwise
     */
    GradientProbe gradientProbe();

    /**
     * The L2 norm of each trainable tensor's gradient from the last {@link #trainStep}, by canonical
     * parameter name ({@code stage1.block1.conv1.weight}), for the training loop's gradient-norm log.
     * A backend that cannot read its gradients returns an empty map (the default).
     */
    default Map<String, Double> lastGradientNorms() {
        return Map.of();
    }

    /**
     * Whether {@link #lastGradientNorms} will be read after the coming {@link #trainStep}s; true until
     * a caller says otherwise. While it is false a backend may skip computing the norms, and
     * {@link #lastGradientNorms} is then empty or still holds an earlier step's. The training loop
     * turns it on only for the steps whose norms it logs.
     */
    default void recordGradientNorms(boolean record) {
    }

    @Override
    void close();
}
