package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1x1 convolution without padding: DJL's {@link Conv2d} (its parameters, shapes and
 * initialisation), whose forward pass on libtorch is a matrix product over the channels instead of
 * libtorch's convolution.
 *
 * <p>Why: on a 2-core AMD EPYC (Zen 5, AVX-512) virtual machine, libtorch 2.7.1's oneDNN 3.7.1
 * killed the process with SIGFPE (an integer division by zero) in
 * {@code brg_blocking_t::est_eff_1x1}, the block sizing of its brgemm 1x1 convolution, as soon as
 * such a convolution ran on channels-last images: ResNet-50 could not take a step, nor could the
 * projection shortcuts of the backend contract's networks. Limiting oneDNN to AVX2
 * ({@code ONEDNN_MAX_CPU_ISA=AVX2}) crashed the same way. {@code x[:, :, ::s, ::s]} as rows of
 * channels times the weight matrix, plus the bias, is the same convolution (to float rounding), on
 * libtorch's GEMM, and its gradients come from autograd.
 */
final class PointwiseConvolution extends AbstractBlock {

    private final Conv2d conv;
    private final int stride;
    private final int filters;

    private PointwiseConvolution(Conv2d conv, int stride, int filters) {
        this.conv = addChildBlock("conv", conv);
        this.stride = stride;
        this.filters = filters;
    }

    /** {@code conv} itself, or wrapped when it is 1x1 with {@code padding} 0. */
    static Block of(Conv2d conv, int kernel, int stride, int padding, int filters) {
        return kernel == 1 && padding == 0 ? new PointwiseConvolution(conv, stride, filters) : conv;
    }

    /** The convolution whose parameters this block uses. */
    Conv2d convolution() {
        return conv;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!"PyTorch".equals(x.getManager().getEngine().getEngineName()) || x.getDataType() != DataType.FLOAT32
                || x.getShape().dimension() != 4) {
            return conv.forward(parameterStore, inputs, training, params);
        }
        Parameter weightParameter = conv.getParameters().get("weight");
        NDArray weight = parameterStore.getValue(weightParameter, x.getDevice(), training);
        if (stride > 1) {
            x = ZeroPadShortcutOp.subsample((PtNDArray) x, stride);
        }
        long n = x.getShape().get(0);
        long c = x.getShape().get(1);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray rows = x.transpose(0, 2, 3, 1).reshape(n * h * w, c);
        NDArray y = rows.matMul(weight.reshape(filters, c).transpose());
        Parameter biasParameter = conv.getParameters().get("bias");
        if (biasParameter != null) {
            y = y.add(parameterStore.getValue(biasParameter, x.getDevice(), training));
        }
        return new NDList(y.reshape(n, h, w, filters).transpose(0, 3, 1, 2));
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    @Override
    public String toString() {
        return "PointwiseConvolution(" + filters + " filters, stride " + stride + ")";
    }
}
