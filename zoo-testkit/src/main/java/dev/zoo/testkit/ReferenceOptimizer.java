package dev.zoo.testkit;

import dev.zoo.api.backend.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code torch.optim.SGD} and {@code torch.optim.Adam} written out in float64 Java, the reference
 * a backend's native update is compared with.
 */
public final class ReferenceOptimizer {

    private final Optimizer optimizer;
    private final Map<String, double[]> first = new HashMap<>();
    private final Map<String, double[]> second = new HashMap<>();
    private long step;

    public ReferenceOptimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
    }

    /** Updates every parameter in {@code parameters} in place from {@code gradients} at rate {@code lr}. */
    public void step(Map<String, double[]> parameters, Map<String, double[]> gradients, double lr) {
        step++;
        for (Map.Entry<String, double[]> e : parameters.entrySet()) {
            double[] w = e.getValue();
            double[] grad = gradients.get(e.getKey());
            double[] m = first.computeIfAbsent(e.getKey(), k -> new double[w.length]);
            double[] v = second.computeIfAbsent(e.getKey(), k -> new double[w.length]);
            for (int i = 0; i < w.length; i++) {
                double g = grad[i] + optimizer.weightDecay() * w[i];
                if (optimizer instanceof Optimizer.Sgd sgd) {
                    if (sgd.momentum() > 0) {
                        m[i] = sgd.momentum() * m[i] + g;
                        g = sgd.nesterov() ? g + sgd.momentum() * m[i] : m[i];
                    }
                    w[i] -= lr * g;
                } else {
                    Optimizer.Adam adam = (Optimizer.Adam) optimizer;
                    m[i] = adam.beta1() * m[i] + (1 - adam.beta1()) * g;
                    v[i] = adam.beta2() * v[i] + (1 - adam.beta2()) * g * g;
                    double c1 = 1 - Math.pow(adam.beta1(), step);
                    double c2 = 1 - Math.pow(adam.beta2(), step);
                    w[i] -= lr / c1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(c2) + adam.epsilon());
                }
            }
        }
    }
}
