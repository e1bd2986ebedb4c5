package dev.zoo.dl4j;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Shape;
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
    private final List<INDArray[]> saved = new ArrayList<>();

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

    /** Remembers the running statistics before a training forward pass. */
    void save() {
        saved.clear();
        for (Layer l : layers) {
            saved.add(new INDArray[] {l.mean.view().dup(), l.var.view().dup()});
        }
    }

    /** Puts back what {@link #save} remembered (a forward pass that must not update anything). */
    void restore() {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).mean.view().assign(saved.get(i)[0]);
            layers.get(i).var.view().assign(saved.get(i)[1]);
        }
    }

    /**
     * After a training pass over {@code batchSize} examples whose gradient vector is
     * {@code gradient}: PyTorch's update from the batch statistics.
     */
    void update(int batchSize, INDArray gradient) {
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            double unbias = dev.zoo.api.engine.RunningStatistics.unbias(batchSize * l.valuesPerChannel);
            INDArray oldMean = saved.get(i)[0];
            INDArray oldVar = saved.get(i)[1];
            INDArray batchMean = oldMean.sub(l.mean.in(gradient));
            INDArray unbiasedVar = oldVar.sub(l.var.in(gradient)).muli(unbias);
            dev.zoo.api.engine.RunningStatistics.Folded<INDArray> folded = dev.zoo.api.engine.RunningStatistics.fold(
                    NdArrayArithmetic.INSTANCE, l.momentum, oldMean, oldVar, batchMean, unbiasedVar);
            l.mean.view().assign(folded.mean());
            l.var.view().assign(folded.variance());
        }
    }
}
