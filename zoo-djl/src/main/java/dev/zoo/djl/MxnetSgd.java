package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zoo.api.backend.Optimizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * SGD with momentum on MXNet's fused optimiser kernels, for float32 networks: one kernel per
 * parameter where the shared rule ({@link dev.zoo.api.engine.OptimizerRule}) takes six element-wise
 * operations, each a full pass over the tensor and a call into MXNet.
 *
 * <p>PyTorch's rule keeps {@code buf = mu * buf + g + wd * w} and steps {@code w -= lr * buf}.
 * MXNet's {@code sgd_mom_update} keeps {@code v = mu * v - lr * (g + wd * w)} instead: the rate
 * inside the state, so the two part ways when the rate changes, and its state is not {@code buf}.
 * MXNet's {@code adam_update} keeps the rate out: {@code m = b1 * m + (1 - b1) * (r * g + d * w)},
 * {@code v = b2 * v + (1 - b2) * (r * g + d * w)^2}, {@code w -= lr * m / (sqrt(v) + eps)}. With
 * {@code b1 = mu}, {@code r = 1 / (1 - mu)}, {@code d = wd / (1 - mu)}, {@code b2 = 1}, {@code eps = 1}
 * and {@code v} zero (it stays zero), that is PyTorch's rule in one pass: {@code m} is {@code buf}
 * (to a rounding of the factors, a few units in the last place of each step's increment) and the
 * step is {@code lr * m / 1}. The slot holds {@code buf} itself, so exported and imported state
 * move training to another network bit for bit, whatever the rates; a zero rate moves the momentum
 * and not the weight, as PyTorch's rule does.
 *
 * <p>Nesterov's direction {@code d = g + wd * w + mu * buf} comes from {@code nag_mom_update} at a
 * rate of 1, whose state is then {@code -buf} and whose weight output {@code w - d} lands in an
 * array of its own (the kernel reads the weight and gradient after writing that output), and
 * {@code sgd_update} (weight decay 1, {@code rescale_grad = -1}) takes the step
 * {@code w - lr * (w - (w - d))}: two kernels. MXNet takes its factors as float32, which a float64
 * network would notice: those keep the shared rule.
 */
final class MxnetSgd {

    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    /** {@code 1 / (1 - mu)}, with {@code 1 - mu} as MXNet computes it in float32. */
    private final float rescale;
    /**
     * Each parameter's second array: Nesterov's weight output, one per parameter, or the zero second
     * moment of {@code adam_update}, one per shape and shared. Made with the network, outside any
     * step's scope, and kept for its life.
     */
    private final Map<NDArray, NDArray> companions = new IdentityHashMap<>();

    private MxnetSgd(Optimizer.Sgd sgd, Collection<NDArray> weights) {
        this.momentum = (float) sgd.momentum();
        this.weightDecay = (float) sgd.weightDecay();
        this.nesterov = sgd.nesterov();
        this.rescale = 1f / (1f - momentum);
        Map<Shape, NDArray> zeros = new HashMap<>();
        for (NDArray w : weights) {
            companions.put(w, nesterov ? w.zerosLike() : zeros.computeIfAbsent(w.getShape(), s -> w.zerosLike()));
        }
    }

    /** The fused update of {@code weights} for {@code optimizer}, or null where the shared rule applies. */
    static MxnetSgd of(String engineName, DataType dataType, Optimizer optimizer, Collection<NDArray> weights) {
        if ("MXNet".equals(engineName) && dataType == DataType.FLOAT32 && optimizer instanceof Optimizer.Sgd sgd
                && sgd.momentum() > 0 && sgd.momentum() < 1) {
            return new MxnetSgd(sgd, weights);
        }
        return null;
    }

    /** Steps {@code weight} in place at {@code learningRate} and updates its {@code slot}. */
    void apply(NDArray weight, NDArray gradient, NDArray slot, double learningRate) {
        float rate = (float) learningRate;
        if (nesterov) {
            // slot := mu * slot - (g + wd * w) = -buf; scratch := w - (g + wd * w + mu * buf) = w - d
            NDArray scratch = companions.get(weight);
            weight.getNDArrayInternal().nagUpdate(new NDList(weight, gradient, slot), new NDList(scratch), 1f,
                    weightDecay, 1f, -1f, momentum);
            // w := w - lr * (-1 * (w - d) + 1 * w) = w - lr * d
            weight.getNDArrayInternal().sgdUpdate(new NDList(weight, scratch), new NDList(weight), rate, 1f, -1f,
                    -1f, 0f, false);
            return;
        }
        // slot := mu * slot + (1 - mu) * (g + wd * w) / (1 - mu) = buf; w := w - lr * buf / (sqrt(0) + 1)
        // DJL's MXNet adamUpdate passes its second rate (the bias-corrected one) as the kernel's lr
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, slot, companions.get(weight)),
                new NDList(weight), rate, rate, weightDecay * rescale, rescale, -1f, momentum, 1f, 1f, false, false);
    }

    /** PyTorch's {@code buf} from a slot's values (Nesterov's slots hold {@code -buf}). */
    float[] exported(float[] slotValues) {
        return nesterov ? negated(slotValues) : slotValues;
    }

    /** A slot's values for PyTorch's {@code buf}. */
    float[] imported(float[] buf) {
        return nesterov ? negated(buf) : buf;
    }

    private static float[] negated(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }
}
