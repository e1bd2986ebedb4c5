package dev.zoo.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.ParameterList;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch norm that hands the spec's epsilon and momentum to PyTorch as the exact doubles. DJL's
 * {@link BatchNorm} keeps both as {@code float} and its PyTorch engine widens them, so
 * {@code eps = 1e-5} reaches libtorch as {@code 9.99999974738e-06} and the momentum as
 * {@code 0.10000002384}: in a deep float64 network without skips (plain110) that alone moved single
 * gradients by 0.3% against PyTorch itself, DL4J and MXNet. The parameters stay those of a DJL
 * {@code BatchNorm} child (gamma, beta, runningMean, runningVar). Other engines run that child
 * (MXNet receives the float as its decimal string, which parses back to 1e-5), and in training
 * the running variance is then corrected to PyTorch's rule, which folds in the unbiased batch
 * variance where MXNet folds the biased one.
 */
final class ExactBatchNorm extends AbstractBlock {

    private final BatchNorm djl;
    private final double epsilon;
    private final double momentum;
    private NDArray runningMean;
    private NDArray runningVar;
    private NDArray meanBefore;
    private NDArray varianceBefore;
    private long valuesPerChannel;
    private boolean foldVariance;

    /** {@code momentum} is PyTorch's: the weight of the new batch statistic in the running ones. */
    ExactBatchNorm(double epsilon, double momentum) {
        this.epsilon = epsilon;
        this.momentum = momentum;
        this.djl = addChildBlock("batchnorm", BatchNorm.builder().optEpsilon((float) epsilon)
                .optMomentum((float) (1.0 - momentum)).build());
    }

    /** The DJL block that owns the parameters, to bind them by DJL's names. */
    BatchNorm parameters() {
        return djl;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        ParameterList p = djl.getDirectParameters();
        NDArray mean = store.getValue(p.get("runningMean"), device, training);
        NDArray variance = store.getValue(p.get("runningVar"), device, training);
        if (training) {
            remember(mean, variance, x);
        }
        if (!(x instanceof PtNDArray input)) {
            return djl.forward(store, inputs, training, params);
        }
        PtNDManager manager = input.getManager();
        return new NDList(JniUtils.batchNorm(input, manager.from(mean), manager.from(variance),
                manager.from(store.getValue(p.get("gamma"), device, training)),
                manager.from(store.getValue(p.get("beta"), device, training)),
                training, momentum, epsilon));
    }

    /**
     * Keeps the running statistics from before a training pass, which changes them in place: to
     * restore them when the step is dropped ({@link #rollback()}), and on MXNet to correct the
     * variance ({@link #commit()}). The copies belong to the manager of the pass's input, the step's,
     * not to the network's that holds the statistics.
     */
    private void remember(NDArray mean, NDArray variance, NDArray x) {
        runningMean = mean;
        runningVar = variance;
        meanBefore = copy(mean, x.getManager());
        varianceBefore = copy(variance, x.getManager());
        valuesPerChannel = x.size() / x.getShape().get(1);
        foldVariance = !(x instanceof PtNDArray);
    }

    /**
     * Keeps what the last training pass did to the running statistics. On an engine other than
     * PyTorch, MXNet left {@code r = m r0 + (1 - m) v} ({@code m = 1 - momentum}, MXNet's momentum)
     * with the biased batch variance {@code v}
     * (its MKL kernel does so in the backward pass, so this comes after it); PyTorch's rule folds in
     * {@code v n / (n - 1)}, which is {@code r + (r - m r0) / (n - 1)} for {@code n} values per
     * channel. At float32 that is one of MXNet's {@code sgd_update} kernels, which computes
     * {@code (1 - lr wd) r - lr s r0}: with {@code lr = 1}, {@code wd = -1 / (n - 1)} and
     * {@code s = m / (n - 1)}, queued behind the backward pass instead of waiting for it. Does nothing
     * when the last forward pass was not such a training pass.
     */
    void commit() {
        if (varianceBefore == null) {
            return;
        }
        if (foldVariance && valuesPerChannel > 1) {
            double n1 = valuesPerChannel - 1.0;
            if (runningVar.getDataType() == DataType.FLOAT32) {
                runningVar.getNDArrayInternal().sgdUpdate(new NDList(runningVar, varianceBefore),
                        new NDList(runningVar), 1f, (float) (-1.0 / n1), (float) ((1.0 - momentum) / n1), -1f, 0f,
                        false);
            } else {
                runningVar.addi(runningVar.sub(varianceBefore.mul(1.0 - momentum)).divi(n1));
            }
        }
        forget();
    }

    private static NDArray copy(NDArray array, NDManager manager) {
        NDArray copy = array.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** Puts back the running statistics from before the last training pass, if there was one. */
    void rollback() {
        if (varianceBefore == null) {
            return;
        }
        runningMean.set(meanBefore.toByteBuffer());
        runningVar.set(varianceBefore.toByteBuffer());
        forget();
    }

    /** Drops what the last training pass kept, without touching the statistics. */
    void forget() {
        runningMean = null;
        runningVar = null;
        meanBefore = null;
        varianceBefore = null;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        djl.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return djl.getOutputShapes(inputShapes);
    }
}
