package dev.zoo.dl4j;

import java.nio.FloatBuffer;
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

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            requireSet(true);
            requireFloat32(inputs[0], inputs[1]);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, inputs[0].shape(), 'c');
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
            FloatBuffer a = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(inputs[0]));
            FloatBuffer b = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(inputs[1]));
            FloatBuffer dy = ChannelBatchNorm.floats(ChannelBatchNorm.contiguous(epsilon));
            INDArray[] out = {
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, inputs[0].shape(), 'c'),
                workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, inputs[0].shape(), 'c')};
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
}
