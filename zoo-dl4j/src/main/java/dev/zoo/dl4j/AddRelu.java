package dev.zoo.dl4j;

import static dev.zoo.dl4j.OneDnn.bind;
import static org.bytedeco.dnnl.global.dnnl.*;

import dev.zoo.dl4j.OneDnn.Args;
import dev.zoo.dl4j.OneDnn.Engine;
import java.nio.FloatBuffer;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_primitive;
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
 * A residual unit's end, {@code relu(body + shortcut)}, as one DL4J graph vertex at float32: one pass
 * over both inputs forward, one backward that writes the masked gradient for both inputs. DL4J's
 * own form, an add vertex and then a ReLU layer, copies the first input, adds the second, copies
 * the sum and applies ReLU forward, and copies twice more backward.
 *
 * <p>Where oneDNN 3 loads, the forward pass is its binary add with a ReLU post-op and the backward
 * pass its ReLU backward from the output, over the values as one flat vector (so either image
 * layout): the Java loops, which copy every value into Java arrays and back, took 17-20 ms of a
 * 200 ms ResNet-20 step at batch 64, about twice as long.
 */
final class AddRelu extends ParameterFreeVertex {

    AddRelu() {
        super(2);
    }

    @Override
    public AddRelu clone() {
        return new AddRelu();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddRelu;
    }

    @Override
    public int hashCode() {
        return AddRelu.class.hashCode();
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 2 || !vertexInputs[0].equals(vertexInputs[1])) {
            throw new InvalidInputTypeException("dl4j: a residual add takes two inputs of one type, got "
                    + java.util.Arrays.toString(vertexInputs));
        }
        return vertexInputs[0];
    }

    /** The vertex as it runs. */
    static final class Impl extends ParameterFreeVertex.Impl {

        /** Values copied out of native memory at a time, so that the loops run over Java arrays. */
        private static final int CHUNK = 2048;

        private final int threads = ChannelBatchNorm.nativeThreads();
        private final OneDnn.Plans<Long, Plan> plans = OneDnn.Plans.of(this, 3);
        /** The output of the last training forward pass, whose positive values the backward pass keeps. */
        private INDArray lastOutput;
        /** The addresses of the inputs {@link #lastOutput} was computed from. */
        private long lastA;
        private long lastB;

        Impl(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
            super(graph, name, vertexIndex, dataType);
        }

        private void requireFloat32(INDArray a, INDArray b) {
            if (a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT || !a.equalShapes(b)
                    || a.length() >= Integer.MAX_VALUE) {
                throw new IllegalStateException("dl4j: " + vertexName + " adds two float32 arrays of one shape, got "
                        + a.dataType() + " " + java.util.Arrays.toString(a.shape()) + " and " + b.dataType() + " "
                        + java.util.Arrays.toString(b.shape()));
            }
        }

        /** oneDNN's add-with-ReLU and ReLU backward over this many values, or null without oneDNN 3. */
        private Plan plan(long values) {
            if (!OneDnn.available()) {
                return null;
            }
            return plans.get(values, n -> new Plan(vertexName, n));
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            requireSet(true);
            requireFloat32(inputs[0], inputs[1]);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, inputs[0].shape(), 'c');
            Plan plan = plan(out.length());
            if (plan != null) {
                long a = OneDnn.address(ChannelBatchNorm.contiguous(inputs[0]));
                long b = OneDnn.address(ChannelBatchNorm.contiguous(inputs[1]));
                plan.forward(a, b, OneDnn.address(out));
                lastOutput = training ? out : null;
                lastA = a;
                lastB = b;
                return out;
            }
            FloatBuffer a = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(inputs[0]));
            FloatBuffer b = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(inputs[1]));
            FloatBuffer o = ChannelBatchNorm.floats(out);
            int n = (int) out.length();
            Parallel.forEach(threads, threads, part -> {
                float[] x = new float[CHUNK];
                float[] y = new float[CHUNK];
                for (int at = n * part / threads, end = n * (part + 1) / threads; at < end; at += CHUNK) {
                    int len = Math.min(CHUNK, end - at);
                    a.get(at, x, 0, len);
                    b.get(at, y, 0, len);
                    for (int j = 0; j < len; j++) {
                        x[j] = Math.max(x[j] + y[j], 0f);
                    }
                    o.put(at, x, 0, len);
                }
            });
            return out;
        }

        @Override
        public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
            requireSet(false);
            requireFloat32(inputs[0], inputs[1]);
            INDArray[] out = {
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, inputs[0].shape(), 'c'),
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, inputs[0].shape(), 'c')};
            Plan plan = plan(out[0].length());
            if (plan != null) {
                // the mask is the training forward pass's output where that came from these inputs;
                // else the sum again
                long a = OneDnn.address(ChannelBatchNorm.contiguous(inputs[0]));
                long b = OneDnn.address(ChannelBatchNorm.contiguous(inputs[1]));
                INDArray output = lastOutput != null && lastOutput.equalShapes(out[0]) && lastA == a && lastB == b
                        ? lastOutput : null;
                if (output == null) {
                    output = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                            inputs[0].shape(), 'c');
                    plan.forward(a, b, OneDnn.address(output));
                }
                plan.backward(OneDnn.address(output), OneDnn.address(ChannelBatchNorm.contiguous(epsilon)),
                        OneDnn.address(out[0]));
                org.bytedeco.javacpp.Pointer.memcpy(new OneDnn.Address(OneDnn.address(out[1])),
                        new OneDnn.Address(OneDnn.address(out[0])), out[0].length() * Float.BYTES);
                lastOutput = null;
                return new Pair<>(null, out);
            }
            FloatBuffer a = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(inputs[0]));
            FloatBuffer b = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(inputs[1]));
            FloatBuffer dy = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(epsilon));
            FloatBuffer d0 = ChannelBatchNorm.floats(out[0]);
            FloatBuffer d1 = ChannelBatchNorm.floats(out[1]);
            int n = (int) out[0].length();
            Parallel.forEach(threads, threads, part -> {
                float[] x = new float[CHUNK];
                float[] y = new float[CHUNK];
                float[] g = new float[CHUNK];
                for (int at = n * part / threads, end = n * (part + 1) / threads; at < end; at += CHUNK) {
                    int len = Math.min(CHUNK, end - at);
                    a.get(at, x, 0, len);
                    b.get(at, y, 0, len);
                    dy.get(at, g, 0, len);
                    for (int j = 0; j < len; j++) {
                        g[j] *= ChannelBatchNorm.reluMask(x[j] + y[j]);
                    }
                    d0.put(at, g, 0, len);
                    d1.put(at, g, 0, len);
                }
            });
            return new Pair<>(null, out);
        }

        @Override
        public String toString() {
            return "AddRelu(id=" + vertexIndex + ",name=\"" + vertexName + "\")";
        }
    }

    /** oneDNN's binary add with a ReLU post-op, and ReLU's backward pass from the output, over {@code n} values. */
    private static final class Plan extends OneDnn.Resources {
        final dnnl_primitive forward;
        final dnnl_primitive backward;
        final dnnl_memory a;
        final dnnl_memory b;
        final dnnl_memory out;
        final dnnl_memory dst;
        final dnnl_memory diffDst;
        final dnnl_memory diffSrc;
        final Args forwardArgs;
        final Args backwardArgs;

        Plan(String vertex, long n) {
            super(vertex + " (add and ReLU of " + n + " values)");
            try {
                var md = md(dnnl_x, n);
                var fwdPd = primitiveDesc();
                check(dnnl_binary_primitive_desc_create(fwdPd, Engine.CPU,
                        dnnl_binary_add, md, md, md, reluPostOp()), "creating add-ReLU");
                forward = primitive(fwdPd, "add-ReLU");
                var reluPd = primitiveDesc();
                check(dnnl_eltwise_forward_primitive_desc_create(reluPd,
                        Engine.CPU, dnnl_forward_training,
                        dnnl_eltwise_relu_use_dst_for_bwd, md, md, 0f, 0f, null),
                        "creating ReLU");
                var bwdPd = primitiveDesc();
                check(dnnl_eltwise_backward_primitive_desc_create(bwdPd,
                        Engine.CPU, dnnl_eltwise_relu_use_dst_for_bwd, md, md,
                        md, 0f, 0f, reluPd, null), "creating ReLU's backward pass");
                backward = primitive(bwdPd, "ReLU's backward pass");
                a = memory(md);
                b = memory(md);
                out = memory(md);
                dst = memory(md);
                diffDst = memory(md);
                diffSrc = memory(md);
                forwardArgs = new Args(3).put(DNNL_ARG_SRC_0, a)
                        .put(DNNL_ARG_SRC_1, b)
                        .put(DNNL_ARG_DST, out);
                backwardArgs = new Args(3).put(DNNL_ARG_DST, dst)
                        .put(DNNL_ARG_DIFF_DST, diffDst)
                        .put(DNNL_ARG_DIFF_SRC, diffSrc);
                releaseDescriptors();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        void forward(long x, long y, long output) {
            bind(a, x);
            bind(b, y);
            bind(out, output);
            execute(forward, forwardArgs, "add-ReLU");
        }

        void backward(long output, long gradient, long inputGradient) {
            bind(dst, output);
            bind(diffDst, gradient);
            bind(diffSrc, inputGradient);
            execute(backward, backwardArgs, "ReLU's backward pass");
        }
    }
}
