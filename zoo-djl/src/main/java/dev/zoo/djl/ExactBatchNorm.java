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
 * {@code BatchNorm} child (gamma, beta, runningMean, runningVar); other engines run that child
 * unchanged (MXNet receives the float as its decimal string, which parses back to 1e-5).
 */
final class ExactBatchNorm extends AbstractBlock {

    private final BatchNorm djl;
    private final double epsilon;
    private final double momentum;

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
        if (!(x instanceof PtNDArray input)) {
            return djl.forward(store, inputs, training, params);
        }
        Device device = x.getDevice();
        ParameterList p = djl.getDirectParameters();
        PtNDManager manager = input.getManager();
        return new NDList(JniUtils.batchNorm(input,
                manager.from(store.getValue(p.get("runningMean"), device, training)),
                manager.from(store.getValue(p.get("runningVar"), device, training)),
                manager.from(store.getValue(p.get("gamma"), device, training)),
                manager.from(store.getValue(p.get("beta"), device, training)),
                training, momentum, epsilon));
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
