package dev.zoo.dl4j;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SGD (momentum, Nesterov) and Adam with PyTorch's formulas, applied with a handful of ND4J ops on
 * DL4J's whole flat parameter and gradient vectors.
 *
 * <p>Why not DL4J's updaters: its {@code Nesterovs} keeps the velocity with the learning rate
 * folded in ({@code v = mu*v - lr*g; p += -mu*v_prev + (1+mu)*v}). With a constant rate that is
 * algebraically PyTorch's Nesterov step, but under a schedule the stored velocity carries old
 * rates, and DL4J has no classical (non-Nesterov) momentum at all. PyTorch keeps
 * {@code buf = mu*buf + g} and steps {@code p -= lr*(nesterov ? g + mu*buf : buf)}, which this
 * class does exactly, with weight decay added to the gradient first ({@code g += wd*p}) on
 * trainable entries only.
 */
final class FlatOptimizer {

    private final Optimizer config;
    private final ParameterTable table;
    private final INDArray first;
    private final INDArray second;
    private long step;

    FlatOptimizer(Optimizer config, ParameterTable table, INDArray params) {
        this.config = config;
        this.table = table;
        boolean needsFirst = config instanceof Optimizer.Adam || ((Optimizer.Sgd) config).momentum() > 0;
        this.first = needsFirst ? Nd4j.zeros(params.dataType(), params.shape()) : null;
        this.second = config instanceof Optimizer.Adam ? Nd4j.zeros(params.dataType(), params.shape()) : null;
    }

    /** Steps taken so far (also drives Adam's bias correction). */
    long step() {
        return step;
    }

    /**
     * Updates {@code params} in place from {@code gradientSum}, DL4J's gradient of the summed
     * (not averaged) loss over {@code batchSize} examples.
     */
    void apply(INDArray params, INDArray gradientSum, int batchSize, double learningRate) {
        // In place where it can be (y += a*x as BLAS axpy): a few passes over the flat vector
        // instead of a dozen, which shows on small networks. The gradient itself stays untouched.
        INDArray g = gradientSum.reshape(params.shape()).mul(1.0 / batchSize);
        if (config.weightDecay() > 0) {
            axpy(config.weightDecay(), params, g);
        }
        g.muli(table.trainableMask()); // running statistics are not the optimiser's
        step++;
        if (config instanceof Optimizer.Sgd sgd) {
            if (sgd.momentum() > 0) {
                first.muli(sgd.momentum()).addi(g);
                if (sgd.nesterov()) {
                    axpy(sgd.momentum(), first, g);
                } else {
                    g = first;
                }
            }
            axpy(-learningRate, g, params);
        } else {
            Optimizer.Adam adam = (Optimizer.Adam) config;
            first.muli(adam.beta1()).addi(g.mul(1 - adam.beta1()));
            second.muli(adam.beta2()).addi(g.muli(g).muli(1 - adam.beta2()));
            double correction1 = 1 - Math.pow(adam.beta1(), step);
            double correction2 = 1 - Math.pow(adam.beta2(), step);
            INDArray denominator = Transforms.sqrt(second, true).divi(Math.sqrt(correction2)).addi(adam.epsilon());
            params.subi(first.div(denominator).muli(learningRate / correction1));
        }
    }

    private static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getBlasWrapper().level1().axpy(y.length(), alpha, x, y);
    }

    private List<String> suffixes() {
        if (config instanceof Optimizer.Adam) {
            return List.of(".adam_m", ".adam_v");
        }
        return first == null ? List.of() : List.of(".momentum");
    }

    private INDArray buffer(String suffix) {
        return suffix.equals(".adam_v") ? second : first;
    }

    /** {@code <param>.momentum} or {@code <param>.adam_m}/{@code .adam_v} per trainable tensor, and {@code step}. */
    Weights export() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String suffix : suffixes()) {
            out.putAll(table.read(buffer(suffix), true, suffix).asMap());
        }
        out.put("step", new Tensor(List.of(), new float[] {step}));
        return new Weights(out);
    }

    /** Replaces the state; validates everything before changing anything. */
    void restore(Weights state) {
        String what = "dl4j optimizer state";
        if (!state.contains("step") || state.get("step").size() != 1) {
            throw new IllegalArgumentException(what + ": missing scalar tensor 'step'");
        }
        float s = state.get("step").data()[0];
        if (!(s >= 0) || s != Math.rint(s)) {
            throw new IllegalArgumentException(what + ": 'step' must be a whole number >= 0, got " + s);
        }
        List<String> suffixes = suffixes();
        for (String suffix : suffixes) {
            table.requireExactly(what, filter(state, suffix), true, suffix, Set.of());
        }
        for (String name : state.names()) {
            if (!name.equals("step") && suffixes.stream().noneMatch(name::endsWith)) {
                throw new IllegalArgumentException(what + ": unexpected tensor '" + name + "' for "
                        + config.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
            }
        }
        for (String suffix : suffixes) {
            table.write(buffer(suffix), state, true, suffix);
        }
        step = (long) s;
    }

    private static Weights filter(Weights state, String suffix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.asMap().forEach((k, v) -> {
            if (k.endsWith(suffix)) {
                out.put(k, v);
            }
        });
        return new Weights(out);
    }
}
