package dev.zoo.dl4j;

import static dev.zoo.dl4j.OneDnn.address;
import static dev.zoo.dl4j.ChannelBatchNorm.contiguous;
import static org.bytedeco.dnnl.global.dnnl.*;

import dev.zoo.dl4j.OneDnn.Address;
import dev.zoo.dl4j.OneDnn.Args;
import dev.zoo.dl4j.OneDnn.Arena;
import dev.zoo.dl4j.OneDnn.Engine;
import dev.zoo.dl4j.OneDnnConvolution.Geometry;
import java.util.Arrays;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling over a square window, NCHW or NHWC float32, as a DL4J graph vertex on oneDNN 3: the forward
 * pass keeps the position of each window's maximum (oneDNN's workspace) and the backward pass
 * routes the gradient by it.
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code SubsamplingLayer} runs libnd4j's {@code maxpool2d} forward and,
 * in the backward pass, {@code maxpool2d_bp}, which pools the input again to find the maxima (its
 * helper hook is called in the backward pass only, so a helper could not keep them): 16% of a
 * lesson-CNN step at batch 64. Ties go to the first maximum in row-major order, as in DL4J and
 * PyTorch; windows are truncated as DL4J's {@code Truncate} mode truncates them.
 */
final class OneDnnMaxPool extends ParameterFreeVertex {

    private final int kernel;
    private final int stride;
    private final int padding;
    /** Whether the images are NHWC (else NCHW). */
    private final boolean nhwc;

    OneDnnMaxPool(int kernel, int stride, int padding, boolean nhwc) {
        super(1);
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("dl4j: max pooling needs kernel >= 1, stride >= 1 and 0 <= padding <= "
                    + "kernel / 2, got kernel " + kernel + ", stride " + stride + ", padding " + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.nhwc = nhwc;
    }

    @Override
    public OneDnnMaxPool clone() {
        return new OneDnnMaxPool(kernel, stride, padding, nhwc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneDnnMaxPool p && p.kernel == kernel && p.stride == stride && p.padding == padding && p.nhwc == nhwc;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {kernel, stride, padding, nhwc ? 1 : 0});
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype, kernel, stride, padding, nhwc);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || !(vertexInputs[0] instanceof InputType.InputTypeConvolutional in)) {
            throw new InvalidInputTypeException("dl4j: max pooling takes one image input, got "
                    + Arrays.toString(vertexInputs));
        }
        if ((in.getFormat() == CNN2DFormat.NHWC) != nhwc) {
            throw new InvalidInputTypeException("dl4j: max pooling set up for " + (nhwc ? "NHWC" : "NCHW")
                    + " images got " + in.getFormat());
        }
        Geometry g = Geometry.pooling(new long[] {1, in.getChannels(), in.getHeight(), in.getWidth()}, kernel, stride,
                padding, false);
        if (g.oh() < 1 || g.ow() < 1) {
            throw new InvalidInputTypeException("dl4j: a " + kernel + "x" + kernel + " max-pooling window (padding "
                    + padding + ") does not fit a " + in.getHeight() + "x" + in.getWidth() + " input");
        }
        return InputType.convolutional(g.oh(), g.ow(), in.getChannels(), in.getFormat());
    }

    /** The vertex as it runs. */
    static final class Impl extends ParameterFreeVertex.Impl {

        private final int kernel;
        private final int stride;
        private final int padding;
        private final boolean nhwc;
        private final Arena arena = new Arena();
        private final OneDnn.Plans<Geometry, Plan> plans = OneDnn.Plans.of(this, 3);

        Impl(ComputationGraph graph, String name, int vertexIndex, DataType dataType, int kernel, int stride,
                int padding, boolean nhwc) {
            super(graph, name, vertexIndex, dataType);
            this.kernel = kernel;
            this.stride = stride;
            this.padding = padding;
            this.nhwc = nhwc;
        }

        private Plan plan(INDArray input) {
            if (input.dataType() != DataType.FLOAT || input.rank() != 4) {
                throw new IllegalStateException("dl4j: " + vertexName + " max-pools float32 " + (nhwc ? "NHWC" : "NCHW") + " images, got "
                        + input.dataType() + " " + Arrays.toString(input.shape()));
            }
            return plans.get(Geometry.pooling(input.shape(), kernel, stride, padding, nhwc), Plan::new);
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            requireSet(true);
            INDArray input = contiguous(inputs[0]);
            Plan plan = plan(input);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    plan.g.outputShape(), 'c');
            plan.forward(address(input), address(out));
            return out;
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            requireSet(false);
            INDArray input = contiguous(inputs[0]);
            Plan plan = plan(input);
            INDArray gradient = contiguous(epsilon);
            if (!Arrays.equals(gradient.shape(), plan.g.outputShape())) {
                throw new IllegalStateException("dl4j: " + vertexName + ": gradient of shape "
                        + Arrays.toString(gradient.shape()) + " for an output of shape "
                        + Arrays.toString(plan.g.outputShape()));
            }
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(),
                    'c');
            plan.backward(address(input), address(gradient), address(out), arena);
            return new Pair<>(null, new INDArray[] {out});
        }

        @Override
        public String toString() {
            return "OneDnnMaxPool(id=" + vertexIndex + ",name=\"" + vertexName + "\",kernel=" + kernel + ",stride="
                    + stride + ",padding=" + padding + ")";
        }
    }

    /** The primitives of one input shape, and the maxima's positions from the last forward pass. */
    private static final class Plan extends OneDnn.Resources {
        final Geometry g;
        final dnnl_primitive forward;
        final dnnl_primitive backward;
        final dnnl_memory src;
        final dnnl_memory dst;
        final dnnl_memory diffDst;
        final dnnl_memory diffSrc;
        final Args forwardArgs;
        final Args backwardArgs;
        final long dstBytes;
        /** The input address whose maxima the workspace holds, 0 when none. */
        long forwardInput;

        Plan(Geometry g) {
            super(g);
            this.g = g;
            try {
                dnnl_memory_desc srcMd = md(g.tag(), g.n(), g.c(), g.h(), g.w());
                dnnl_memory_desc dstMd = md(g.tag(), g.n(), g.c(), g.oh(), g.ow());
                long[] window = {g.kh(), g.kw()};
                dnnl_primitive_desc fwdPd = primitiveDesc();
                check(dnnl_pooling_forward_primitive_desc_create(fwdPd, Engine.CPU, dnnl_forward_training,
                        dnnl_pooling_max, srcMd, dstMd, g.stride(), window, g.dilation(), g.padL(), g.padR(), null),
                        "creating max pooling");
                forward = primitive(fwdPd, "max pooling");
                dnnl_primitive_desc bwdPd = primitiveDesc();
                check(dnnl_pooling_backward_primitive_desc_create(bwdPd, Engine.CPU, dnnl_pooling_max, srcMd, dstMd,
                        g.stride(), window, g.dilation(), g.padL(), g.padR(), fwdPd, null),
                        "creating max pooling's backward pass");
                backward = primitive(bwdPd, "max pooling's backward pass");
                src = memory(srcMd);
                dst = memory(dstMd);
                diffDst = memory(dstMd);
                diffSrc = memory(srcMd);
                dnnl_memory_desc workspaceMd = query(fwdPd, dnnl_query_workspace_md);
                dnnl_memory workspace = memory(workspaceMd);
                dnnl_memory_set_data_handle(workspace,
                        new Address(Arena.aligned(buffer(dnnl_memory_desc_get_size(workspaceMd)))));
                forwardArgs = new Args(3).put(DNNL_ARG_SRC, src).put(DNNL_ARG_DST, dst).put(DNNL_ARG_WORKSPACE,
                        workspace);
                backwardArgs = new Args(3).put(DNNL_ARG_DIFF_DST, diffDst).put(DNNL_ARG_WORKSPACE, workspace)
                        .put(DNNL_ARG_DIFF_SRC, diffSrc);
                dstBytes = g.n() * g.c() * g.oh() * g.ow() * Float.BYTES;
                releaseDescriptors();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        void forward(long input, long output) {
            dnnl_memory_set_data_handle(src, new Address(input));
            dnnl_memory_set_data_handle(dst, new Address(output));
            execute(forward, forwardArgs, "max pooling");
            forwardInput = input;
        }

        void backward(long input, long gradient, long inputGradient, Arena arena) {
            if (forwardInput != input) {
                // not the input the maxima were found for (DL4J's backward pass follows the forward
                // pass of the same batch at the same address, so this is a backward pass on its own)
                forward(input, arena.address("pool-output", dstBytes));
            }
            dnnl_memory_set_data_handle(diffDst, new Address(gradient));
            dnnl_memory_set_data_handle(diffSrc, new Address(inputGradient));
            execute(backward, backwardArgs, "max pooling's backward pass");
        }
    }
}
