package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import dev.zoo.api.backend.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * Adam as {@code torch.optim.Adam} defines it (L2 weight decay added to the gradient, bias
 * correction): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 */
final class AdamUpdate extends SlottedUpdate {

    static final String FIRST = "adam_m";
    static final String SECOND = "adam_v";

    private final Optimizer.Adam adam;

    AdamUpdate(Optimizer.Adam adam, Map<String, NDArray> trainable) {
        super(trainable, List.of(FIRST, SECOND));
        this.adam = adam;
    }

    @Override
    public void apply(String name, NDArray weight, NDArray gradient, double lr) {
        NDArray g = adam.weightDecay() > 0 ? gradient.add(weight.mul(adam.weightDecay())) : gradient;
        NDArray m = slot(name, FIRST);
        NDArray v = slot(name, SECOND);
        m.muli(adam.beta1()).addi(g.mul(1 - adam.beta1()));
        v.muli(adam.beta2()).addi(g.square().mul(1 - adam.beta2()));
        double correction1 = 1 - Math.pow(adam.beta1(), step());
        double correction2 = 1 - Math.pow(adam.beta2(), step());
        NDArray denominator = v.sqrt().div(Math.sqrt(correction2)).add(adam.epsilon());
        weight.subi(m.div(denominator).mul(lr / correction1));
    }
}
