package dev.zoo.tensorflow;

import dev.zoo.api.engine.Arithmetic;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The shared rules' arithmetic as TensorFlow graph operations of one floating type {@code T}, so the
 * optimiser and running-statistics rules of {@code zoo-api} become ops of the training graph.
 */
final class GraphArithmetic<T extends TNumber> implements Arithmetic<Operand<T>> {

    private final Ops tf;
    private final Class<T> type;

    GraphArithmetic(Ops tf, Class<T> type) {
        this.tf = tf;
        this.type = type;
    }

    Ops tf() {
        return tf;
    }

    Class<T> type() {
        return type;
    }

    /** A scalar constant of this network's type (a double narrowed as Java narrows it, for float32). */
    Operand<T> constant(double value) {
        return tf.dtypes.cast(tf.constant(value), type);
    }

    @Override
    public Operand<T> plus(Operand<T> a, Operand<T> b) {
        return tf.math.add(a, b);
    }

    @Override
    public Operand<T> times(Operand<T> a, Operand<T> b) {
        return tf.math.mul(a, b);
    }

    @Override
    public Operand<T> dividedBy(Operand<T> a, Operand<T> b) {
        return tf.math.div(a, b);
    }

    @Override
    public Operand<T> sqrt(Operand<T> a) {
        return tf.math.sqrt(a);
    }

    @Override
    public Operand<T> times(Operand<T> a, double c) {
        return tf.math.mul(a, constant(c));
    }

    @Override
    public Operand<T> plus(Operand<T> a, double c) {
        return tf.math.add(a, constant(c));
    }
}
