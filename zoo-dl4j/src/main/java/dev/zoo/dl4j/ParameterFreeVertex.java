package dev.zoo.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph vertex of the compiled DL4J network that has no parameters and a fixed number of inputs
 * ({@link AddRelu}, {@link OneDnnMaxPool}): what DL4J asks of every such vertex, once.
 */
abstract class ParameterFreeVertex extends GraphVertex {

    private final int inputs;

    ParameterFreeVertex(int inputs) {
        this.inputs = inputs;
    }

    @Override
    public abstract ParameterFreeVertex clone();

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return inputs;
    }

    @Override
    public int maxVertexInputs() {
        return inputs;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        return new LayerMemoryReport.Builder(null, getClass(), inputTypes[0], getOutputType(-1, inputTypes))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }

    /** The vertex as it runs: no layer, no parameters, masks passed through. */
    abstract static class Impl extends BaseGraphVertex {

        Impl(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
            super(graph, name, vertexIndex, null, null, dataType);
        }

        /** Refuses a forward pass before the inputs are set, or a backward pass before the gradient. */
        void requireSet(boolean forward) {
            if (forward ? !canDoForward() : !canDoBackward()) {
                throw new IllegalStateException("dl4j: " + vertexName + ": " + (forward ? "inputs" : "gradient")
                        + " not set");
            }
        }

        @Override
        public boolean hasLayer() {
            return false;
        }

        @Override
        public Layer getLayer() {
            return null;
        }

        @Override
        public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
            if (backpropGradientsViewArray != null) {
                throw new IllegalStateException("dl4j: " + vertexName + " has no parameters");
            }
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                int minibatchSize) {
            return new Pair<>(null, currentMaskState);
        }
    }
}
