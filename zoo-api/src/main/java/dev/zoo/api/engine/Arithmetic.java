package dev.zoo.api.engine;

/**
 * The few element-wise tensor operations the shared rules need, supplied by a backend for its own
 * tensor type {@code T} (an NDArray, an INDArray, a graph operand). Results are new tensors: a rule
 * never changes its arguments, so an eager engine and a graph builder run the same code.
 */
public interface Arithmetic<T> {

    T plus(T a, T b);

    T times(T a, T b);

    T dividedBy(T a, T b);

    T sqrt(T a);

    /** {@code a * c} for a hyperparameter fixed when the network is compiled. */
    T times(T a, double c);

    /** {@code a + c} for a hyperparameter fixed when the network is compiled. */
    T plus(T a, double c);
}
