package dev.zoo.tensorflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * What one forward pass is built with: its {@link Pass}, the dropout seed fed at each step, and the
 * batch statistics its batch norms compute (a training pass folds them into the running ones).
 */
final class ForwardContext<T extends TNumber> {

    /** One batch norm's statistics of the current batch; {@code variance} is already unbiased. */
    record BatchStatistics<T extends TNumber>(String path, double momentum, Operand<T> mean, Operand<T> variance) {
    }

    private final Pass pass;
    private final Operand<TInt64> seed;
    private final List<BatchStatistics<T>> statistics = new ArrayList<>();

    ForwardContext(Pass pass, Operand<TInt64> seed) {
        this.pass = pass;
        this.seed = seed;
    }

    Pass pass() {
        return pass;
    }

    /** The {@code [2]} seed of this step's dropout masks. */
    Operand<TInt64> seed() {
        return seed;
    }

    void record(BatchStatistics<T> s) {
        statistics.add(s);
    }

    List<BatchStatistics<T>> statistics() {
        return Collections.unmodifiableList(statistics);
    }
}
