package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import dev.zoo.api.backend.Optimizer;
import java.util.List;
import java.util.Map;

/**
 * SGD exactly as {@code torch.optim.SGD} defines it (dampening 0): {@code g = grad + wd * w};
 * with momentum {@code buf = m * buf + g}, then {@code g = buf} or, for Nesterov,
 * {@code g = g + m * buf}; finally {@code w -= lr * g}. The buffer starts at zero, which equals
 * PyTorch's first-step copy of {@code g}. (DJL's built-in SGD folds the learning rate into the
 * momentum buffer, MXNet style, which differs as soon as the rate changes.)
 */
final class SgdUpdate extends SlottedUpdate {

    static final String MOMENTUM = "momentum";

    private final Optimizer.Sgd sgd;

    SgdUpdate(Optimizer.Sgd sgd, Map<String, NDArray> trainable) {
        super(trainable, sgd.momentum() > 0 ? List.of(MOMENTUM) : List.of());
        this.sgd = sgd;
    }

    @Override
    public void apply(String name, NDArray weight, NDArray gradient, double lr) {
        NDArray g = sgd.weightDecay() > 0 ? gradient.add(weight.mul(sgd.weightDecay())) : gradient;
        if (sgd.momentum() > 0) {
            NDArray buf = slot(name, MOMENTUM);
            buf.muli(sgd.momentum()).addi(g);
            g = sgd.nesterov() ? g.add(buf.mul(sgd.momentum())) : buf;
        }
        weight.subi(g.mul(lr));
    }
}
