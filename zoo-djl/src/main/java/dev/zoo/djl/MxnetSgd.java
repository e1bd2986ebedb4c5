package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.zoo.api.backend.Optimizer;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * SGD with momentum on MXNet's fused optimiser kernels, for float32 networks: two kernels per
 * parameter where the shared rule ({@link dev.zoo.api.engine.OptimizerRule}) takes six
 * element-wise operations, each a full pass over the tensor and a call into MXNet.
 *
 * <p>MXNet's {@code sgd_mom_update} keeps {@code v = mu * v - lr * (g + wd * w)} and adds it to
 * the weight: its state carries the learning rate, PyTorch's ({@code buf = mu * buf + g + wd * w},
 * {@code w -= lr * buf}) does not, so the two part ways when the rate changes. Called with a rate of
 * 1 it keeps exactly {@code -buf}; its weight output then goes to the gradient's buffer, which the
 * next backward pass overwrites anyway, and {@code sgd_update} with {@code rescale_grad = -1} takes
 * the step, {@code w - lr * buf}. Nesterov's direction {@code d = g + wd * w + mu * buf} comes the
 * same way from {@code nag_mom_update} at a rate of 1, whose weight output {@code w - d} lands in the
 * gradient's buffer, and {@code sgd_update} (weight decay 1, {@code rescale_grad = -1}) takes the
 * step {@code w - lr * (w - (w - d))}.
 *
 * <p>The slot holds {@code -buf}: negating is exact, so exported and imported state move training to
 * another network bit for bit. MXNet takes its factors as float32, which a
 * float64 network would notice: those keep the shared rule.
 */
final class MxnetSgd {

    private final float momentum;
    private final float weightDecay;
    private final boolean nesterov;
    /**
     * Nesterov's kernel reads the gradient after writing its weight output, so that output needs an
     * array of its own: one per parameter, kept for the network's life.
     */
    private final Map<NDArray, NDArray> scratches = new IdentityHashMap<>();

    private MxnetSgd(Optimizer.Sgd sgd, Collection<NDArray> weights) {
        this.momentum = (float) sgd.momentum();
        this.weightDecay = (float) sgd.weightDecay();
        this.nesterov = sgd.nesterov();
        if (nesterov) {
            weights.forEach(w -> scratches.put(w, w.zerosLike()));
        }
    }

    /** The fused update of {@code weights} for {@code optimizer}, or null where the shared rule applies. */
    static MxnetSgd of(String engineName, DataType dataType, Optimizer optimizer, Collection<NDArray> weights) {
        if ("MXNet".equals(engineName) && dataType == DataType.FLOAT32 && optimizer instanceof Optimizer.Sgd sgd
                && sgd.momentum() > 0) {
            return new MxnetSgd(sgd, weights);
        }
        return null;
    }

    /** Steps {@code weight} in place at {@code learningRate} and updates its {@code slot}. */
    void apply(NDArray weight, NDArray gradient, NDArray slot, double learningRate) {
        NDList inputs = new NDList(weight, gradient, slot);
        if (nesterov) {
            // slot := mu * slot - (g + wd * w) = -buf; scratch := w - (g + wd * w + mu * buf) = w - d
            NDArray scratch = scratches.get(weight);
            weight.getNDArrayInternal().nagUpdate(inputs, new NDList(scratch), 1f, weightDecay, 1f, -1f, momentum);
            // w := w - lr * (-1 * (w - d) + 1 * w) = w - lr * d
            weight.getNDArrayInternal().sgdUpdate(new NDList(weight, scratch), new NDList(weight),
                    (float) learningRate, 1f, -1f, -1f, 0f, false);
            return;
        }
        // slot := mu * slot - (g + wd * w) = -buf; the kernel's weight output (w - buf) is discarded
        weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(gradient), 1f, weightDecay, 1f, -1f, momentum,
                false);
        // w := w - lr * (-1 * slot) = w - lr * buf
        weight.getNDArrayInternal().sgdUpdate(new NDList(weight, slot), new NDList(weight), (float) learningRate,
                0f, -1f, -1f, 0f, false);
    }

    /** The slot's values in the shared layout (PyTorch's {@code buf}), or the slot for those values. */
    static float[] negated(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = -values[i];
        }
        return out;
    }
}
