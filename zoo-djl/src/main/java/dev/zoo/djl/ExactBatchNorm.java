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
    private NDArray runningVar;
    private NDArray varianceBefore;
    private long valuesPerChannel;

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
        if (!(x instanceof PtNDArray input)) {
            return training ? forwardRemembering(store, inputs, params, x, device, p)
                    : djl.forward(store, inputs, false, params);
        }
        PtNDManager manager = input.getManager();
        return new NDList(JniUtils.batchNorm(input,
                manager.from(store.getValue(p.get("runningMean"), device, training)),
                manager.from(store.getValue(p.get("runningVar"), device, training)),
                manager.from(store.getValue(p.get("gamma"), device, training)),
                manager.from(store.getValue(p.get("beta"), device, training)),
                training, momentum, epsilon));
    }

    /**
     * Runs DJL's block, remembering the running variance from before it: MXNet folds the biased
     * batch variance into it (its MKL kernel does so in the backward pass), so the training step
     * corrects it afterwards with {@link #foldUnbiasedVariance()}.
     */
    private NDList forwardRemembering(ParameterStore store, NDList inputs, PairList<String, Object> params,
            NDArray x, Device device, ParameterList p) {
        runningVar = store.getValue(p.get("runningVar"), device, true);
        varianceBefore = runningVar.duplicate();
        valuesPerChannel = x.size() / x.getShape().get(1);
        return djl.forward(store, inputs, true, params);
    }

    /**
     * After a training step's backward pass on an engine other than PyTorch: MXNet left
     * {@code r = m r0 + (1 - m) v} with the biased variance {@code v}; PyTorch's rule folds in
     * {@code v n / (n - 1)}, which is {@code r + (r - m r0) / (n - 1)} for {@code n} values per
     * channel. Does nothing when the last forward pass was not such a training pass.
     */
    void foldUnbiasedVariance() {
        if (varianceBefore == null) {
            return;
        }
        if (valuesPerChannel > 1) {
            NDArray folded = runningVar.sub(varianceBefore.mul(1.0 - momentum));
            runningVar.set(runningVar.add(folded.div(valuesPerChannel - 1.0)).toByteBuffer());
        }
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
