package dev.zoo.dl4j;

import static dev.zoo.dl4j.OneDnn.address;
import static dev.zoo.dl4j.ChannelBatchNorm.contiguous;
import static dev.zoo.dl4j.OneDnn.writable;
import static org.bytedeco.dnnl.global.dnnl.*;

import dev.zoo.dl4j.OneDnn.Address;
import dev.zoo.dl4j.OneDnn.Arena;
import dev.zoo.dl4j.OneDnn.Args;
import dev.zoo.dl4j.OneDnn.Engine;
import java.util.Arrays;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.BytePointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution for DL4J's {@code ConvolutionLayer} on oneDNN 3.x, called directly through
 * JavaCPP's {@code org.bytedeco:dnnl}, float32, NHWC or NCHW.
 *
 * <p>Why: libnd4j (1.0.0-M2.1) runs its convolutions on the oneDNN 2.3 it bundles, and reorders
 * every activation between NCHW and oneDNN's blocked layouts into freshly allocated memory on every
 * call: 141 ms of a 297 ms ResNet-20 step at batch 64, where libtorch's reorders take 44
 * (docs/measurements.md). It also always computes the gradient with respect to the input, which for
 * the network's first convolution nothing reads (21.8 of a 100 ms lesson-CNN step at batch 128).
 * Here each layer keeps its primitives and its reorder buffers from one step to the next (keyed by
 * the input shape), runs its kernels on NHWC activations (read and written where they lie when the
 * network is channels-last, reordered from and to NCHW otherwise) with weights in the layout
 * {@link Plan#of} chooses, keeps the input in the primitive's layout from the forward pass for the
 * weight gradient, and leaves out the input gradient of a convolution that reads the network's input.
 *
 * <p>With {@code relu}, the layer's output is {@code max(0, conv(x))}: the ReLU runs as the
 * convolution's post-op, and the backward pass masks the incoming gradient by that output (oneDNN's
 * {@code eltwise_relu_use_dst_for_bwd}), in place of DL4J's activation layer code (libnd4j's
 * {@code relu_bp}, 14% of a lesson-CNN step at batch 128). The compiler configures such a layer with
 * the identity activation; a fused helper never declines, since DL4J's code would drop the ReLU.
 *
 * <p>The arithmetic is oneDNN's direct convolution (no Winograd), as libnd4j's and libtorch's
 * forward passes run it. Anything else (float64) goes to the libnd4j helper this class extends.
 */
final class OneDnnConvolution extends MKLDNNConvHelper {

    /** Plans kept per layer (input shapes seen recently: training batch, last batch, evaluation). */
    private static final int PLANS = 3;

    private final String layer;
    private final boolean hasBias;
    private final boolean inputGradient;
    private final boolean relu;
    /** The output of the last forward pass, which the fused ReLU's backward pass masks by. */
    private INDArray lastOutput;
    private final Arena arena;
    private final OneDnn.Plans<Geometry, Plan> plans = OneDnn.Plans.of(this, PLANS);

    /**
     * @param layer the layer's name, for error messages
     * @param hasBias whether the layer has a bias (DL4J hands a zero bias to the forward pass of one
     *        without)
     * @param inputGradient whether the backward pass returns the gradient with respect to the
     *        input; {@code false} only for a layer whose input is the network's input
     * @param relu whether the layer's ReLU runs here (the layer's own activation being the identity)
     * @param arena the buffers this layer shares with the other layers of its network
     */
    OneDnnConvolution(String layer, boolean hasBias, boolean inputGradient, boolean relu, Arena arena) {
        super(DataType.FLOAT);
        this.layer = layer;
        this.hasBias = hasBias;
        this.inputGradient = inputGradient;
        this.relu = relu;
        this.arena = arena;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        Geometry g = Geometry.of(input, weights, kernel, strides, pad, dilation, convolutionMode, format);
        if (g == null) {
            refuseIfFused(input, format);
            return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                    dilation, format, workspaceMgr);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, g.outputShape());
        plan(g).forward(contiguous(input), contiguous(weights), hasBias ? contiguous(bias) : null, out);
        lastOutput = relu ? out : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
            ConvolutionLayer.BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode, int[] dilation,
            CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        Geometry g = Geometry.of(input, weights, kernel, strides, pad, dilation, convolutionMode, format);
        if (g == null || (biasGradView != null) != hasBias) {
            refuseIfFused(input, format);
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        INDArray epsilon = inputGradient
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape())
                : null;
        INDArray weightGrad = writable(weightGradView);
        INDArray biasGrad = hasBias ? writable(biasGradView) : null;
        INDArray output = null;
        if (relu) {
            output = lastOutput;
            if (output == null || !Arrays.equals(output.shape(), delta.shape())) {
                throw new IllegalStateException("dl4j: " + layer + ": the ReLU fused into a convolution masks its gradient by the "
                        + "forward pass's output, and there is none of shape " + Arrays.toString(delta.shape())
                        + " (a backward pass without the forward pass of the same batch?)");
            }
        }
        plan(g).backward(contiguous(input), contiguous(weights), contiguous(delta), output, weightGrad, biasGrad, epsilon);
        if (weightGrad != weightGradView) {
            weightGradView.assign(weightGrad);
        }
        if (biasGrad != biasGradView && biasGrad != null) {
            biasGradView.assign(biasGrad);
        }
        Gradient gradient = new DefaultGradient();
        if (hasBias) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, epsilon);
    }

    private void refuseIfFused(INDArray input, CNN2DFormat format) {
        if (relu) {
            throw new IllegalStateException("dl4j: " + layer + ": a convolution fused with ReLU runs on oneDNN only (float32, NCHW), got " + input.dataType() + " " + format + " "
                    + Arrays.toString(input.shape()));
        }
    }

    private Plan plan(Geometry g) {
        return plans.get(g, key -> Plan.of(layer, key, hasBias, inputGradient, relu, arena));
    }

    /** The shape of one convolution call: what a plan is built for. */
    record Geometry(long n, long c, long h, long w, long oc, long oh, long ow, long[] stride, long[] dilation,
            long[] padL, long[] padR, long kh, long kw, boolean nhwc) {

        /**
         * The geometry of a call, or null when this class does not run it (not float32).
         */
        static Geometry of(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad, int[] dilation,
                ConvolutionMode mode, CNN2DFormat format) {
            if (input.dataType() != DataType.FLOAT || weights.dataType() != DataType.FLOAT || input.rank() != 4
                    || weights.rank() != 4) {
                return null;
            }
            boolean nhwc = format == CNN2DFormat.NHWC;
            int inH = (int) input.size(nhwc ? 1 : 2);
            int inW = (int) input.size(nhwc ? 2 : 3);
            int[] outSize;
            int[] padL;
            if (mode == ConvolutionMode.Same) {
                outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, null, mode, dilation, format);
                padL = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {inH, inW}, kernel, strides,
                        dilation);
            } else {
                outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, pad, mode, dilation, format);
                padL = pad;
            }
            return new Geometry(input.size(0), input.size(nhwc ? 3 : 1), inH, inW, weights.size(0), outSize[0],
                    outSize[1], new long[] {strides[0], strides[1]}, new long[] {dilation[0] - 1L, dilation[1] - 1L},
                    new long[] {padL[0], padL[1]}, rightPadding(new int[] {inH, inW}, outSize, kernel, strides, padL,
                            dilation), kernel[0], kernel[1], nhwc);
        }

        /**
         * The geometry of a square max or average pooling window over an NCHW float32 input,
         * truncating as DL4J's {@code Truncate} mode does.
         */
        static Geometry pooling(long[] input, int kernel, int stride, int pad, boolean nhwc) {
            long channels = input[nhwc ? 3 : 1];
            int[] in = {(int) input[nhwc ? 1 : 2], (int) input[nhwc ? 2 : 3]};
            // floor, not truncation toward zero: a window larger than the padded input gives no output
            int[] out = {Math.floorDiv(in[0] + 2 * pad - kernel, stride) + 1,
                Math.floorDiv(in[1] + 2 * pad - kernel, stride) + 1};
            int[] k = {kernel, kernel};
            int[] s = {stride, stride};
            int[] p = {pad, pad};
            return new Geometry(input[0], channels, in[0], in[1], channels, out[0], out[1], new long[] {stride, stride},
                    new long[] {0, 0}, new long[] {pad, pad}, rightPadding(in, out, k, s, p, new int[] {1, 1}), kernel,
                    kernel, nhwc);
        }

        /**
         * The padding oneDNN needs after the input: the rows the last window reads beyond the input,
         * or 0 where truncating leaves rows unread (then fewer than a stride, so oneDNN's output size,
         * {@code (in + left + right - extent) / stride + 1}, is unchanged).
         */
        private static long[] rightPadding(int[] in, int[] out, int[] kernel, int[] strides, int[] padL,
                int[] dilation) {
            long[] padR = new long[2];
            for (int i = 0; i < 2; i++) {
                long reach = (long) (out[i] - 1) * strides[i] + (long) (kernel[i] - 1) * dilation[i] + 1;
                padR[i] = Math.max(0, reach - in[i] - padL[i]);
            }
            return padR;
        }

        long[] outputShape() {
            return nhwc ? new long[] {n, oh, ow, oc} : new long[] {n, oc, oh, ow};
        }

        /** The user's layout of an activation: NCHW or NHWC. */
        int tag() {
            return nhwc ? dnnl_nhwc : dnnl_nchw;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Geometry g && nhwc == g.nhwc && n == g.n && c == g.c && h == g.h && w == g.w && oc == g.oc
                    && oh == g.oh && ow == g.ow && kh == g.kh && kw == g.kw && Arrays.equals(stride, g.stride)
                    && Arrays.equals(dilation, g.dilation) && Arrays.equals(padL, g.padL)
                    && Arrays.equals(padR, g.padR);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(new long[] {n, c, h, w, oc, oh, ow, kh, kw, stride[0], stride[1], padL[0], padL[1],
                nhwc ? 1 : 0});
        }

        @Override
        public String toString() {
            return (nhwc ? "NHWC " : "") + "conv " + n + "x" + c + "x" + h + "x" + w + " -> " + oc + "x" + oh + "x" + ow + ", kernel " + kh
                    + "x" + kw + ", stride " + Arrays.toString(stride) + ", padding " + Arrays.toString(padL) + "/"
                    + Arrays.toString(padR);
        }
    }

    /**
     * One tensor as a primitive sees it: the user's plain layout (its buffer set per call), the
     * primitive's layout if it differs (in a buffer of its own or of the arena), and the reorder
     * between them with its arguments.
     */
    private static final class Slot {
        final dnnl_memory user;
        final dnnl_memory inner;
        private final Plan plan;
        private final dnnl_primitive reorder;
        private final Args reorderArgs;
        private final long bytes;
        private final String role;
        private final BytePointer own;

        /**
         * @param role the arena's buffer, or null for one of the slot's own (kept between calls)
         * @param toInner whether data moves from the user's layout to the primitive's
         */
        Slot(dnnl_memory_desc userMd, dnnl_memory_desc innerMd, String role, boolean toInner, Plan plan) {
            this.plan = plan;
            this.role = role;
            user = plan.memory(userMd);
            if (dnnl_memory_desc_equal(userMd, innerMd) != 0) {
                inner = user;
                reorder = null;
                reorderArgs = null;
                bytes = 0;
                own = null;
                return;
            }
            inner = plan.memory(innerMd);
            bytes = dnnl_memory_desc_get_size(innerMd);
            own = role == null ? plan.buffer(bytes) : null;
            dnnl_primitive_desc pd = plan.primitiveDesc();
            plan.check(toInner
                    ? dnnl_reorder_primitive_desc_create(pd, userMd, Engine.CPU, innerMd, Engine.CPU, null)
                    : dnnl_reorder_primitive_desc_create(pd, innerMd, Engine.CPU, userMd, Engine.CPU, null),
                    "creating a reorder");
            reorder = plan.primitive(pd, "a reorder");
            reorderArgs = new Args(2).put(DNNL_ARG_FROM, toInner ? user : inner).put(DNNL_ARG_TO, toInner ? inner : user);
        }

        boolean reorders() {
            return reorder != null;
        }

        /** Whether the primitive's layout takes more than {@code plainBytes}: channels padded to a block. */
        boolean paddedBeyond(long plainBytes) {
            return bytes > plainBytes;
        }

        /** Points the slot at the user's array and at its inner buffer; returns the primitive's memory. */
        dnnl_memory bind(long userAddress) {
            dnnl_memory_set_data_handle(user, new Address(userAddress));
            if (reorder != null) {
                long at = own != null ? Arena.aligned(own) : plan.arena.address(role, bytes);
                dnnl_memory_set_data_handle(inner, new Address(at));
            }
            return inner;
        }

        /** Binds an input and brings it into the primitive's layout. */
        void in(long userAddress) {
            bind(userAddress);
            convert();
        }

        /** Converts between the two layouts, in the slot's direction, if they differ. */
        void convert() {
            if (reorder != null) {
                plan.execute(reorder, reorderArgs, "a layout reorder");
            }
        }
    }

    /** The primitives and buffers of one geometry, with each primitive's arguments. */
    private static final class Plan extends OneDnn.Resources {
        final Geometry g;
        final Arena arena;
        final dnnl_primitive forward;
        final dnnl_primitive backwardWeights;
        final dnnl_primitive backwardData;
        /** The fused ReLU's backward pass (null without one): the incoming gradient masked by the output. */
        final dnnl_primitive reluBackward;
        final dnnl_memory reluOutput;
        final dnnl_memory reluGradient;
        final dnnl_memory reluMasked;
        final Slot src;
        final Slot weights;
        final Slot dst;
        final Slot bias;
        final Slot bwSrc;
        final Slot bwDiffDst;
        final Slot bwDiffWeights;
        final Slot bwDiffBias;
        final Slot bdDiffDst;
        final Slot bdWeights;
        final Slot bdDiffSrc;
        final Args forwardArgs;
        final Args backwardWeightsArgs;
        final Args backwardDataArgs;
        final Args reluArgs;
        /** The user address of the input the forward pass left in {@link #src}'s own buffer. */
        long forwardInput;

        /** Whether a primitive of this plan takes its weights in a layout padded beyond {@code oc x c x kh x kw}. */
        final boolean paddedWeights;

        /** Whether a primitive of this plan runs oneDNN's reference code (its slowest, meant as a last resort). */
        final boolean reference;

        /** How a plan asks for its weights: see {@link #of}. */
        enum Weights {
            /** {@code OIhw16i16o} forward and for the weight gradient, {@code OIhw16o16i} for the input gradient. */
            BLOCKED16,
            /** Whatever oneDNN prefers. */
            ANY,
            /** Plain {@code hwio}. */
            PLAIN
        }

        /**
         * The plan of {@code g}, its weights in the first of these layouts that works:
         * <ol>
         *   <li>16-channel blocks, where both channel counts are multiples of 16, if no primitive
         *       then runs reference code: what libtorch's oneDNN runs over NHWC activations. Left to
         *       choose, oneDNN 3.6.1 takes its brgemm kernels there, which took 2.8 times as long
         *       forward and 2.9 times as long for the input gradient as these on ResNet-20 (AVX-512,
         *       docs/measurements.md);</li>
         *   <li>the layout oneDNN prefers, unless that is padded to a whole block of channels: with
         *       AVX-512 (16-channel blocks), oneDNN 3.6.1's convolutions over weights padded that way
         *       gave wrong outputs and input gradients (OneDnnConvolutionTest: 3 -> 8 and 40 -> 24
         *       channels, errors of 3.5 and 17 times the typical value);</li>
         *   <li>plain {@code hwio}.</li>
         * </ol>
         */
        static Plan of(String layer, Geometry g, boolean hasBias, boolean inputGradient, boolean relu, Arena arena) {
            if (g.c % 16 == 0 && g.oc % 16 == 0) {
                Plan plan = null;
                try {
                    plan = new Plan(layer, g, hasBias, inputGradient, relu, arena, Weights.BLOCKED16);
                } catch (IllegalStateException unimplemented) {
                    // no kernel for these weights on this processor: the next layout
                }
                if (plan != null && !plan.reference) {
                    return plan;
                }
                if (plan != null) {
                    plan.close();
                }
            }
            Plan plan = new Plan(layer, g, hasBias, inputGradient, relu, arena, Weights.ANY);
            if (!plan.paddedWeights) {
                return plan;
            }
            plan.close();
            return new Plan(layer, g, hasBias, inputGradient, relu, arena, Weights.PLAIN);
        }

        private Plan(String layer, Geometry g, boolean hasBias, boolean inputGradient, boolean relu, Arena arena,
                Weights layout) {
            super(layer + " (" + g + ")");
            this.g = g;
            this.arena = arena;
            try {
                dnnl_memory_desc srcUser = md(g.tag(), g.n, g.c, g.h, g.w);
                dnnl_memory_desc weightsUser = md(dnnl_oihw, g.oc, g.c, g.kh, g.kw);
                dnnl_memory_desc dstUser = md(g.tag(), g.n, g.oc, g.oh, g.ow);
                dnnl_memory_desc biasUser = hasBias ? md(dnnl_x, g.oc) : null;
                // activations in NHWC, one of oneDNN's own layouts: its kernels read and write NHWC arrays
                // where they lie, and NCHW ones are reordered to and from it. Not the blocked layouts
                // oneDNN would choose for NCHW: those pad channel counts to a whole block, and gave wrong
                // results as padded weights do (see of)
                dnnl_memory_desc srcAny = g.nhwc ? srcUser : md(dnnl_nhwc, g.n, g.c, g.h, g.w);
                dnnl_memory_desc weightsAny = md(switch (layout) {
                    case BLOCKED16 -> dnnl_ABcd16b16a;
                    case ANY -> dnnl_format_tag_any;
                    case PLAIN -> dnnl_hwio;
                }, g.oc, g.c, g.kh, g.kw);
                dnnl_memory_desc weightsForInputGradient = layout == Weights.BLOCKED16
                        ? md(dnnl_ABcd16a16b, g.oc, g.c, g.kh, g.kw) : weightsAny;
                dnnl_memory_desc dstAny = g.nhwc ? dstUser : md(dnnl_nhwc, g.n, g.oc, g.oh, g.ow);
                long weightBytes = g.oc * g.c * g.kh * g.kw * Float.BYTES;

                dnnl_primitive_desc fwdPd = primitiveDesc();
                check(dnnl_convolution_forward_primitive_desc_create(fwdPd, Engine.CPU, dnnl_forward_training,
                        dnnl_convolution_direct, srcAny, weightsAny, biasUser, dstAny, g.stride, g.dilation, g.padL,
                        g.padR, relu ? reluPostOp() : null), "creating the forward convolution");
                forward = primitive(fwdPd, "the forward convolution");
                src = new Slot(srcUser, query(fwdPd, dnnl_query_src_md), null, true, this);
                weights = new Slot(weightsUser, query(fwdPd, dnnl_query_weights_md), "weights", true, this);
                dst = new Slot(dstUser, query(fwdPd, dnnl_query_dst_md), "dst", false, this);
                bias = hasBias ? new Slot(biasUser, biasUser, null, true, this) : null;
                forwardArgs = new Args(4).put(DNNL_ARG_SRC, src.inner).put(DNNL_ARG_WEIGHTS, weights.inner)
                        .put(DNNL_ARG_DST, dst.inner);
                if (bias != null) {
                    forwardArgs.put(DNNL_ARG_BIAS, bias.inner);
                }

                if (relu) {
                    dnnl_primitive_desc reluFwdPd = primitiveDesc();
                    check(dnnl_eltwise_forward_primitive_desc_create(reluFwdPd, Engine.CPU, dnnl_forward_training,
                            dnnl_eltwise_relu_use_dst_for_bwd, dstUser, dstUser, 0f, 0f, null), "creating ReLU");
                    dnnl_primitive_desc reluBwdPd = primitiveDesc();
                    check(dnnl_eltwise_backward_primitive_desc_create(reluBwdPd, Engine.CPU,
                            dnnl_eltwise_relu_use_dst_for_bwd, dstUser, dstUser, dstUser, 0f, 0f, reluFwdPd, null),
                            "creating ReLU's backward pass");
                    reluBackward = primitive(reluBwdPd, "ReLU's backward pass");
                    reluOutput = memory(dstUser);
                    reluGradient = memory(dstUser);
                    reluMasked = memory(dstUser);
                    reluArgs = new Args(3).put(DNNL_ARG_DST, reluOutput).put(DNNL_ARG_DIFF_DST, reluGradient)
                            .put(DNNL_ARG_DIFF_SRC, reluMasked);
                } else {
                    reluBackward = null;
                    reluOutput = null;
                    reluGradient = null;
                    reluMasked = null;
                    reluArgs = null;
                }

                dnnl_primitive_desc bwPd = primitiveDesc();
                check(dnnl_convolution_backward_weights_primitive_desc_create(bwPd, Engine.CPU,
                        dnnl_convolution_direct, srcAny, weightsAny, biasUser, dstAny, g.stride, g.dilation, g.padL,
                        g.padR, fwdPd, null), "creating the weight-gradient convolution");
                backwardWeights = primitive(bwPd, "the weight-gradient convolution");
                dnnl_memory_desc bwSrcMd = query(bwPd, dnnl_query_src_md);
                bwSrc = dnnl_memory_desc_equal(bwSrcMd, query(fwdPd, dnnl_query_src_md)) != 0 ? src
                        : new Slot(srcUser, bwSrcMd, "bw-src", true, this);
                bwDiffDst = new Slot(dstUser, query(bwPd, dnnl_query_diff_dst_md), "diff-dst", true, this);
                bwDiffWeights = new Slot(weightsUser, query(bwPd, dnnl_query_diff_weights_md), "diff-weights", false,
                        this);
                bwDiffBias = hasBias ? new Slot(biasUser, biasUser, null, false, this) : null;
                backwardWeightsArgs = new Args(4).put(DNNL_ARG_SRC, bwSrc.inner).put(DNNL_ARG_DIFF_DST, bwDiffDst.inner)
                        .put(DNNL_ARG_DIFF_WEIGHTS, bwDiffWeights.inner);
                if (bwDiffBias != null) {
                    backwardWeightsArgs.put(DNNL_ARG_DIFF_BIAS, bwDiffBias.inner);
                }

                dnnl_primitive_desc bdPd = null;
                if (inputGradient) {
                    bdPd = primitiveDesc();
                    check(dnnl_convolution_backward_data_primitive_desc_create(bdPd, Engine.CPU,
                            dnnl_convolution_direct, srcAny, weightsForInputGradient, dstAny, g.stride, g.dilation,
                            g.padL, g.padR,
                            fwdPd, null), "creating the input-gradient convolution");
                    backwardData = primitive(bdPd, "the input-gradient convolution");
                    dnnl_memory_desc bdDiffDstMd = query(bdPd, dnnl_query_diff_dst_md);
                    bdDiffDst = dnnl_memory_desc_equal(bdDiffDstMd, query(bwPd, dnnl_query_diff_dst_md)) != 0
                            ? bwDiffDst : new Slot(dstUser, bdDiffDstMd, "bd-diff-dst", true, this);
                    bdWeights = new Slot(weightsUser, query(bdPd, dnnl_query_weights_md), "bd-weights", true, this);
                    bdDiffSrc = new Slot(srcUser, query(bdPd, dnnl_query_diff_src_md), "diff-src", false, this);
                    backwardDataArgs = new Args(3).put(DNNL_ARG_DIFF_DST, bdDiffDst.inner)
                            .put(DNNL_ARG_WEIGHTS, bdWeights.inner).put(DNNL_ARG_DIFF_SRC, bdDiffSrc.inner);
                } else {
                    backwardData = null;
                    bdDiffDst = null;
                    bdWeights = null;
                    bdDiffSrc = null;
                    backwardDataArgs = null;
                }
                reference = implementation(fwdPd).contains("ref") || implementation(bwPd).contains("ref")
                        || (bdPd != null && implementation(bdPd).contains("ref"));
                paddedWeights = weights.paddedBeyond(weightBytes) || bwDiffWeights.paddedBeyond(weightBytes)
                        || (bdWeights != null && bdWeights.paddedBeyond(weightBytes));
                releaseDescriptors();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        void forward(INDArray input, INDArray w, INDArray b, INDArray out) {
            long in = address(input);
            src.in(in);
            forwardInput = src.reorders() ? in : 0;
            weights.in(address(w));
            dst.bind(address(out));
            if (bias != null) {
                bias.bind(address(b));
            }
            execute(forward, forwardArgs, "the forward convolution");
            dst.convert();
        }

        void backward(INDArray input, INDArray w, INDArray delta, INDArray output, INDArray weightGrad,
                INDArray biasGrad, INDArray epsilon) {
            long in = address(input);
            long gradient = address(delta);
            if (reluBackward != null) {
                // the gradient masked by the output, into the arena (DL4J's delta is not ours to change)
                gradient = arena.address("relu-masked", (long) delta.length() * Float.BYTES);
                dnnl_memory_set_data_handle(reluOutput, new Address(address(output)));
                dnnl_memory_set_data_handle(reluGradient, new Address(address(delta)));
                dnnl_memory_set_data_handle(reluMasked, new Address(gradient));
                execute(reluBackward, reluArgs, "ReLU's backward pass");
            }
            // the forward pass of this step left the input in the primitive's layout (DL4J's backward
            // pass always follows the forward pass of the same batch, at the same address)
            bwSrc.bind(in);
            if (!(bwSrc == src && forwardInput == in)) {
                bwSrc.convert();
            }
            bwDiffDst.in(gradient);
            if (backwardData != null) {
                if (bdDiffDst != bwDiffDst) {
                    bdDiffDst.in(gradient);
                }
                bdWeights.in(address(w));
                bdDiffSrc.bind(address(epsilon));
                execute(backwardData, backwardDataArgs, "the input-gradient convolution");
                bdDiffSrc.convert();
            }
            bwDiffWeights.bind(address(weightGrad));
            if (bwDiffBias != null) {
                bwDiffBias.bind(address(biasGrad));
            }
            execute(backwardWeights, backwardWeightsArgs, "the weight-gradient convolution");
            bwDiffWeights.convert();
            forwardInput = 0;
        }
    }
}
