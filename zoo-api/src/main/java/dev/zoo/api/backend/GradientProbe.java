package dev.zoo.api.backend;

import dev.zoo.api.data.Batch;
import java.util.Map;

/**
 * Float64 loss and gradients of a network compiled at {@link Precision#FLOAT64}, for
 * finite-difference checks. The forward pass is in training mode (batch norm on batch statistics)
 * but without any randomness, and nothing is updated: neither parameters nor running statistics.
 * Parameters are addressed by their canonical names, in canonical layout.
 */
public interface GradientProbe {

    /** Current values of every trainable parameter. */
    Map<String, double[]> parameters();

    /** Sets one trainable parameter (canonical layout). */
    void set(String name, double[] values);

    /** Mean cross-entropy loss of {@code batch}. */
    double loss(Batch batch);

    /** Gradient of {@link #loss} with respect to every trainable parameter. */
    Map<String, double[]> gradients(Batch batch);
}
