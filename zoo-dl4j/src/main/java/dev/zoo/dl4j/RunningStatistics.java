package dev.zoo.dl4j;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.engine.ArrayArithmetic;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gives batch norm PyTorch's running statistics (the shared rule,
 * {@link dev.zoo.api.engine.RunningStatistics}). DL4J 1.0.0-M2.1 moves them through its gradient
 * vector ({@code dMean = (mean - batchMean) * (1 - decay)}, applied by a no-op updater) and uses the
 * biased batch variance; PyTorch uses the unbiased one ({@code n/(n-1)}). The compiler therefore
 * sets DL4J's decay to 0, so that {@code running - gradient} is the batch's own statistic, and this
 * class folds {@code running - gradient} in with the shared rule. The optimiser never applies
 * those gradient entries itself.
 */
final class RunningStatistics {

    private record Layer(ParameterSlot mean, ParameterSlot var, double momentum, long valuesPerChannel) {
    }

    private final List<Layer> layers = new ArrayList<>();
    private final List<double[][]> saved = new ArrayList<>();

    RunningStatistics(Architecture architecture, ParameterTable table) {
        for (var node : architecture.nodes()) {
            if (node.layer() instanceof BatchNorm bn) {
                Shape in = node.input();
                long perChannel = in.isImage() ? (long) in.height() * in.width() : 1;
                layers.add(new Layer(table.slot(node.path() + ".running_mean"),
                        table.slot(node.path() + ".running_var"), bn.momentum(), perChannel));
            }
        }
    }

    /**
     * Remembers the running statistics before a training forward pass. This class reads and writes
     * them as Java arrays over ND4J's memory: a few ND4J operations per layer cost a native call
     * each (6-13 ms of a 200 ms ResNet-20 step).
     */
    void save() {
        saved.clear();
        for (Layer l : layers) {
            saved.add(new double[][] {read(l.mean.view(), 0), read(l.var.view(), 0)});
        }
    }

    /** Puts back what {@link #save} remembered (a forward pass that must not update anything). */
    void restore() {
        for (int i = 0; i < layers.size(); i++) {
            write(layers.get(i).mean.view(), saved.get(i)[0]);
            write(layers.get(i).var.view(), saved.get(i)[1]);
        }
    }

    /**
     * After a training pass over {@code batchSize} examples whose gradient vector is
     * {@code gradient}: PyTorch's update from the batch statistics.
     */
    void update(int batchSize, INDArray gradient) {
        INDArray grad = ChannelBatchNorm.contiguous(gradient);
        ArrayArithmetic ops = ArrayArithmetic.INSTANCE;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            double unbias = dev.zoo.api.engine.RunningStatistics.unbias(batchSize * l.valuesPerChannel);
            double[] oldMean = saved.get(i)[0];
            double[] oldVar = saved.get(i)[1];
            double[] batchMean = ops.plus(oldMean, ops.times(read(grad, l.mean.offset(), oldMean.length), -1));
            double[] unbiasedVar = ops.times(ops.plus(oldVar, ops.times(read(grad, l.var.offset(), oldVar.length), -1)),
                    unbias);
            dev.zoo.api.engine.RunningStatistics.Folded<double[]> folded = dev.zoo.api.engine.RunningStatistics.fold(
                    ops, l.momentum, oldMean, oldVar, batchMean, unbiasedVar);
            write(l.mean.view(), folded.mean());
            write(l.var.view(), folded.variance());
        }
    }

    /** A vector's values, element by element (Java-side indexing, no ND4J operation). */
    private static double[] read(INDArray view, long offset) {
        return read(view, offset, view.length());
    }

    /** {@code length} values of a vector from {@code offset}. */
    private static double[] read(INDArray dense, long offset, long length) {
        requireDense(dense);
        double[] out = new double[Math.toIntExact(length)];
        for (int j = 0; j < out.length; j++) {
            out[j] = dense.getDouble(offset + j);
        }
        return out;
    }

    private static void write(INDArray view, double[] values) {
        requireDense(view);
        if (view.length() != values.length) {
            throw new IllegalStateException("dl4j: " + values.length + " running statistics for a view of "
                    + view.length());
        }
        for (int j = 0; j < values.length; j++) {
            view.putScalar(j, values[j]);
        }
    }

    private static void requireDense(INDArray a) {
        if (a.elementWiseStride() != 1 && a.length() > 1) {
            throw new IllegalStateException("dl4j: running statistics are read from arrays of consecutive values, got "
                    + a.shapeInfoToString());
        }
    }
}
