package dev.zoo.api.engine;

import dev.zoo.api.backend.Optimizer;
import java.util.List;

/**
 * PyTorch's {@code torch.optim.SGD} and {@code torch.optim.Adam}, written once for every engine.
 * Weight decay is L2 added to the gradient ({@code g + wd * w}). SGD keeps {@code buf = mu * buf + g}
 * and steps by {@code lr * (nesterov ? g + mu * buf : buf)}; Adam keeps
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2} and steps by
 * {@code lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 *
 * <p>A backend whose engine has a fused kernel that computes exactly the SGD-with-momentum step above
 * (TensorFlow's {@code ApplyMomentum} does, Nesterov included) may run it on {@link #decayedGradient}
 * instead of {@link #apply}'s element-wise ops; {@code BackendContract}'s update check holds it to
 * this rule at float64 precision like every other backend.
 */
public final class OptimizerRule {

    /**
     * One parameter's step: subtract {@code decrement} from the weight, and replace its slots
     * (in {@link OptimizerSlots#slots} order) by {@code slots}.
     */
    public record Update<T>(T decrement, List<T> slots) {
        public Update {
            slots = List.copyOf(slots);
        }
    }

    private OptimizerRule() {
    }

    /** The gradient the rule steps with: {@code g + wd * w} when the optimiser has weight decay, else {@code g}. */
    public static <T> T decayedGradient(Optimizer optimizer, Arithmetic<T> ops, T weight, T gradient) {
        return optimizer.weightDecay() > 0 ? ops.plus(gradient, ops.times(weight, optimizer.weightDecay())) : gradient;
    }

    /**
     * The step of one parameter {@code weight} with gradient {@code gradient} and its current slots
     * (in {@link OptimizerSlots#slots} order).
     */
    public static <T> Update<T> apply(Optimizer optimizer, Arithmetic<T> ops, T weight, T gradient, List<T> slots,
            StepFactors<T> factors) {
        int expected = OptimizerSlots.slots(optimizer).size();
        if (slots.size() != expected) {
            throw new IllegalArgumentException("optimizer rule: " + OptimizerSlots.kind(optimizer) + " needs "
                    + expected + " slots per parameter, got " + slots.size());
        }
        T g = decayedGradient(optimizer, ops, weight, gradient);
        return optimizer.accept(new Optimizer.Visitor<>() {
            @Override
            public Update<T> sgd(Optimizer.Sgd sgd) {
                if (sgd.momentum() == 0) {
                    return new Update<>(ops.times(g, factors.learningRate()), List.of());
                }
                T buffer = ops.plus(ops.times(slots.get(0), sgd.momentum()), g);
                T direction = sgd.nesterov() ? ops.plus(g, ops.times(buffer, sgd.momentum())) : buffer;
                return new Update<>(ops.times(direction, factors.learningRate()), List.of(buffer));
            }

            @Override
            public Update<T> adam(Optimizer.Adam adam) {
                T m = ops.plus(ops.times(slots.get(0), adam.beta1()), ops.times(g, 1 - adam.beta1()));
                T v = ops.plus(ops.times(slots.get(1), adam.beta2()), ops.times(ops.times(g, g), 1 - adam.beta2()));
                T denominator = ops.plus(ops.dividedBy(ops.sqrt(v), factors.adamRootCorrection()), adam.epsilon());
                return new Update<>(ops.times(ops.dividedBy(m, denominator), factors.adamStepSize()), List.of(m, v));
            }
        });
    }
}
