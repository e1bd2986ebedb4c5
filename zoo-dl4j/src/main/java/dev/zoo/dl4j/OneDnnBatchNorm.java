package dev.zoo.dl4j;

import static dev.zoo.dl4j.ChannelBatchNorm.contiguous;
import static dev.zoo.dl4j.OneDnn.address;
import static dev.zoo.dl4j.OneDnn.bind;
import static org.bytedeco.dnnl.global.dnnl.*;

import dev.zoo.dl4j.OneDnn.Address;
import dev.zoo.dl4j.OneDnn.Arena;
import dev.zoo.dl4j.OneDnn.Args;
import dev.zoo.dl4j.OneDnn.Engine;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.BytePointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm for DL4J's {@code BatchNormalization} layer on oneDNN 3.x's batch-normalization
 * primitive, float32, NCHW or NHWC, optionally with ReLU fused in ({@code dnnl_fuse_norm_relu}: the
 * forward pass keeps a bit mask of the positive outputs in its workspace, and the backward pass masks
 * the incoming gradient by it).
 *
 * <p>Why: {@link ChannelBatchNorm}'s Java loops copy every value out of native memory into Java
 * arrays and back (half of their time, by {@code perf}); oneDNN's kernels read the activations where
 * they lie, in either layout, and need no copy at all for NHWC, where a channel's values are not
 * contiguous. The arithmetic is the same as PyTorch's in training: the batch mean and biased
 * variance normalise, and {@link #getMeanCache}/{@link #getVarCache} hand DL4J the batch statistics
 * (biased; {@link RunningStatistics} unbiases them). In evaluation the layer's running statistics
 * normalise.
 *
 * <p>A helper fused with ReLU never declines (DL4J's own code has no ReLU to fall back to): anything
 * it cannot run is refused with the layer, the rule and the value.
 */
final class OneDnnBatchNorm implements BatchNormalizationHelper {

    /** Plans kept per layer: training and evaluation shapes. */
    private static final int PLANS = 4;

    private final String layer;
    private final boolean relu;
    private final Arena arena;
    private final OneDnn.Plans<Key, Plan> plans = OneDnn.Plans.of(this, PLANS);
    private INDArray meanCache;
    private INDArray varCache;
    /** The plan of the last training forward pass, whose statistics and mask the backward pass reads. */
    private Plan trained;

    OneDnnBatchNorm(String layer, boolean relu, Arena arena) {
        this.layer = layer;
        this.relu = relu;
        this.arena = arena;
    }

    boolean fusesRelu() {
        return relu;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    /** The shape and mode of one call: what a plan is built for. */
    record Key(long n, long c, long h, long w, boolean nhwc, boolean training, float eps) {
    }

    private Key key(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format, boolean training, double eps) {
        boolean ok = x.dataType() == DataType.FLOAT && x.rank() == 4 && gamma != null && beta != null
                && gamma.dataType() == DataType.FLOAT && beta.dataType() == DataType.FLOAT;
        if (!ok) {
            if (relu) {
                throw new IllegalStateException("dl4j: " + layer + ": the batch norm fused with ReLU runs on oneDNN"
                        + " only (float32, rank 4, with gamma and beta), got " + x.dataType() + " of shape "
                        + Arrays.toString(x.shape()) + " (" + format + ")");
            }
            return null;
        }
        boolean nhwc = format == CNN2DFormat.NHWC;
        long c = x.size(nhwc ? 3 : 1);
        long h = x.size(nhwc ? 1 : 2);
        long w = x.size(nhwc ? 2 : 3);
        return new Key(x.size(0), c, h, w, nhwc, training, (float) eps);
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        Key key = key(x, gamma, beta, format, training, eps);
        if (key == null) {
            return null;
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        Plan plan = plans.get(key, k -> new Plan(layer, k, relu, arena));
        if (training) {
            plan.forward(contiguous(x), contiguous(gamma), contiguous(beta), null, null, out);
            cache(plan);
            trained = plan;
        } else {
            plan.forward(contiguous(x), contiguous(gamma), contiguous(beta), contiguous(mean), contiguous(var), out);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        Key key = key(input, gamma, beta, format, true, eps);
        if (key == null) {
            return null;
        }
        Plan plan = trained;
        if (plan == null || !plan.key.equals(key)) {
            throw new IllegalStateException("dl4j: " + layer + ": batch norm backward pass of " + key
                    + " without a training forward pass of that shape (last: " + (plan == null ? "none" : plan.key) + ")");
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        INDArray dGamma = OneDnn.writable(dGammaView);
        INDArray dBeta = OneDnn.writable(dBetaView);
        plan.backward(contiguous(input), contiguous(epsilon), contiguous(gamma), dx, dGamma, dBeta);
        if (dGamma != dGammaView) {
            dGammaView.assign(dGamma);
        }
        if (dBeta != dBetaView) {
            dBetaView.assign(dBeta);
        }
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** Copies the batch statistics of the last training pass where DL4J reads them. */
    private void cache(Plan plan) {
        int c = (int) plan.key.c;
        if (meanCache == null || meanCache.length() != c) {
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createUninitialized(DataType.FLOAT, c);
                varCache = Nd4j.createUninitialized(DataType.FLOAT, c);
            }
        }
        org.bytedeco.javacpp.Pointer.memcpy(new Address(address(meanCache)), new Address(plan.meanAddress()),
                plan.channelBytes);
        org.bytedeco.javacpp.Pointer.memcpy(new Address(address(varCache)), new Address(plan.meanAddress()
                + plan.channelBytes), plan.channelBytes);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    /** The primitives of one shape and mode, with their arguments. */
    private static final class Plan extends OneDnn.Resources {
        final Key key;
        final dnnl_primitive forward;
        final dnnl_primitive backward;
        final dnnl_memory src;
        final dnnl_memory dst;
        final dnnl_memory scale;
        final dnnl_memory shift;
        final dnnl_memory mean;
        final dnnl_memory variance;
        final dnnl_memory diffDst;
        final dnnl_memory diffSrc;
        final dnnl_memory diffScale;
        final dnnl_memory diffShift;
        final dnnl_memory workspace;
        /** Batch mean and variance (training) kept from the forward pass for the backward pass. */
        final BytePointer statistics;
        final BytePointer mask;
        final long channelBytes;
        final Args forwardArgs;
        final Args backwardArgs;

        Plan(String layer, Key key, boolean relu, Arena arena) {
            super(layer + " (batch norm " + key + ")");
            this.key = key;
            try {
                dnnl_memory_desc data = key.nhwc ? md(dnnl_nhwc, key.n, key.c, key.h, key.w)
                        : md(dnnl_nchw, key.n, key.c, key.h, key.w);
                dnnl_memory_desc channels = md(dnnl_x, key.c);
                int flags = dnnl_use_scale | dnnl_use_shift | (relu ? dnnl_fuse_norm_relu : 0)
                        | (key.training ? 0 : dnnl_use_global_stats);
                dnnl_primitive_desc fwdPd = primitiveDesc();
                check(dnnl_batch_normalization_forward_primitive_desc_create(fwdPd, Engine.CPU,
                        key.training ? dnnl_forward_training : dnnl_forward_inference, data, data, key.eps, flags,
                        null), "creating the batch norm");
                forward = primitive(fwdPd, "the batch norm");
                src = memory(data);
                dst = memory(data);
                scale = memory(channels);
                shift = memory(channels);
                mean = memory(channels);
                variance = memory(channels);
                channelBytes = key.c * Float.BYTES;
                forwardArgs = new Args(7).put(DNNL_ARG_SRC, src).put(DNNL_ARG_DST, dst).put(DNNL_ARG_SCALE, scale)
                        .put(DNNL_ARG_SHIFT, shift).put(DNNL_ARG_MEAN, mean).put(DNNL_ARG_VARIANCE, variance);
                if (!key.training) {
                    backward = null;
                    diffDst = null;
                    diffSrc = null;
                    diffScale = null;
                    diffShift = null;
                    workspace = null;
                    statistics = null;
                    mask = null;
                    backwardArgs = null;
                    releaseDescriptors();
                    return;
                }
                statistics = buffer(2 * channelBytes);
                dnnl_memory_set_data_handle(mean, new Address(Arena.aligned(statistics)));
                dnnl_memory_set_data_handle(variance, new Address(Arena.aligned(statistics) + channelBytes));
                if (relu) {
                    dnnl_memory_desc wsMd = query(fwdPd, dnnl_query_workspace_md);
                    workspace = memory(wsMd);
                    mask = buffer(dnnl_memory_desc_get_size(wsMd));
                    dnnl_memory_set_data_handle(workspace, new Address(Arena.aligned(mask)));
                    forwardArgs.put(DNNL_ARG_WORKSPACE, workspace);
                } else {
                    workspace = null;
                    mask = null;
                }
                dnnl_primitive_desc bwdPd = primitiveDesc();
                check(dnnl_batch_normalization_backward_primitive_desc_create(bwdPd, Engine.CPU, dnnl_backward, data,
                        data, data, key.eps, flags, fwdPd, null), "creating the batch norm's backward pass");
                backward = primitive(bwdPd, "the batch norm's backward pass");
                diffDst = memory(data);
                diffSrc = memory(data);
                diffScale = memory(channels);
                diffShift = memory(channels);
                backwardArgs = new Args(9).put(DNNL_ARG_SRC, src).put(DNNL_ARG_MEAN, mean)
                        .put(DNNL_ARG_VARIANCE, variance).put(DNNL_ARG_DIFF_DST, diffDst).put(DNNL_ARG_SCALE, scale)
                        .put(DNNL_ARG_DIFF_SRC, diffSrc).put(DNNL_ARG_DIFF_SCALE, diffScale)
                        .put(DNNL_ARG_DIFF_SHIFT, diffShift);
                if (workspace != null) {
                    backwardArgs.put(DNNL_ARG_WORKSPACE, workspace);
                }
                releaseDescriptors();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /**
         * The forward pass: in training it writes the batch statistics into the plan's own buffers;
         * in evaluation it reads {@code runningMean} and {@code runningVar} (null in training).
         */
        void forward(INDArray x, INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVar,
                INDArray out) {
            bind(src, address(x));
            bind(dst, address(out));
            bind(scale, address(gamma));
            bind(shift, address(beta));
            if (!key.training) {
                bind(mean, address(runningMean));
                bind(variance, address(runningVar));
            }
            execute(forward, forwardArgs, "the batch norm");
        }

        void backward(INDArray x, INDArray dy, INDArray gamma, INDArray dx, INDArray dGamma, INDArray dBeta) {
            bind(src, address(x));
            bind(diffDst, address(dy));
            bind(scale, address(gamma));
            bind(diffSrc, address(dx));
            bind(diffScale, address(dGamma));
            bind(diffShift, address(dBeta));
            execute(backward, backwardArgs, "the batch norm's backward pass");
        }

        /** Where the last training pass left the batch mean (the biased variance follows it). */
        long meanAddress() {
            return Arena.aligned(statistics);
        }
    }
}
