package dev.zoo.api.backend;

/**
 * The optimiser a backend applies natively at every training step. The learning rate is not part
 * of it: the neutral training loop computes it per step from a schedule and passes it in.
 * Weight decay is L2 added to the gradient (PyTorch's {@code weight_decay}), applied to every
 * trainable tensor.
 */
public sealed interface Optimizer {

    double weightDecay();

    /** Double dispatch, so every place that handles optimisers must handle a new kind to compile. */
    <R> R accept(Visitor<R> visitor);

    /** One method per optimiser kind. */
    interface Visitor<R> {
        R sgd(Sgd sgd);

        R adam(Adam adam);
    }

    /** Stochastic gradient descent, PyTorch's formulation of momentum and Nesterov. */
    record Sgd(double momentum, boolean nesterov, double weightDecay) implements Optimizer {
        public Sgd {
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("sgd: momentum must be in [0, 1), got " + momentum);
            }
            if (nesterov && momentum == 0) {
                throw new IllegalArgumentException("sgd: nesterov needs momentum > 0, got 0");
            }
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("sgd: weight decay must be >= 0 and finite, got " + weightDecay);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sgd(this);
        }

        /** Plain SGD: no momentum, no weight decay. */
        public static Sgd plain() {
            return new Sgd(0, false, 0);
        }
    }

    /** Adam (Kingma and Ba 2014) with bias correction, PyTorch's formulation. */
    record Adam(double beta1, double beta2, double epsilon, double weightDecay) implements Optimizer {
        public Adam {
            if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("adam: epsilon must be > 0, got " + epsilon);
            }
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("adam: weight decay must be >= 0 and finite, got " + weightDecay);
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.adam(this);
        }

        public static Adam defaults() {
            return new Adam(0.9, 0.999, 1e-8, 0);
        }
    }
}
