package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Precision;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link OneDnnMaxPool} against DL4J's own {@code SubsamplingLayer} (libnd4j's {@code maxpool2d} and
 * {@code maxpool2d_bp}): outputs and input gradients equal to the last bit, ties included.
 */
class OneDnnMaxPoolTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private static ComputationGraph graph(int c, int h, int w, boolean oneDnn, int k, int s, int p) {
        return graph(c, h, w, oneDnn, k, s, p, false);
    }

    private static ComputationGraph graph(int c, int h, int w, boolean oneDnn, int k, int s, int p, boolean nhwc) {
        var builder = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(h, w, c, nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW));
        if (oneDnn) {
            builder.addVertex("pool", new OneDnnMaxPool(k, s, p, nhwc), "in");
        } else {
            builder.addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(k, k)
                    .stride(s, s).padding(p, p).convolutionMode(ConvolutionMode.Truncate).build(), "in");
        }
        ComputationGraphConfiguration conf = builder.setOutputs("pool").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** ReLU'd values on a coarse grid: many windows hold ties, of zeros and of positive values. */
    private static INDArray tiedInput(long... shape) {
        INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(2);
        return Transforms.relu(Transforms.round(x), false);
    }

    private static Pair<INDArray, INDArray> reference(ComputationGraph graph, INDArray x, INDArray dOut) {
        Layer layer = graph.getLayer("pool");
        layer.setInput(x, NO_WORKSPACES);
        INDArray out = layer.activate(true, NO_WORKSPACES).dup();
        return new Pair<>(out, layer.backpropGradient(dOut, NO_WORKSPACES).getSecond().dup());
    }

    private static INDArray forward(GraphVertex vertex, INDArray x) {
        vertex.setInputs(x);
        return vertex.doForward(true, NO_WORKSPACES).dup();
    }

    private static INDArray backward(GraphVertex vertex, INDArray dOut) {
        vertex.setEpsilon(dOut);
        return vertex.doBackward(false, NO_WORKSPACES).getSecond()[0].dup();
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, kernel {3}, stride {4}, padding {5}")
    @CsvSource({
            "16, 30, 30, 2, 2, 0", // the lesson CNN
            "32, 13, 13, 2, 2, 0", // an odd size: the last row and column are not read
            "8, 32, 32, 3, 2, 1",  // ResNet-18's stem
            "4, 27, 27, 3, 2, 0",  // AlexNet's overlapping windows
            "3, 7, 9, 3, 1, 1",
    })
    void givesWhatDl4jsMaxPoolingGivesTiesIncluded(int c, int h, int w, int k, int s, int p) {
        ComputationGraph reference = graph(c, h, w, false, k, s, p);
        GraphVertex vertex = graph(c, h, w, true, k, s, p).getVertex("pool");
        GraphVertex nhwc = graph(c, h, w, true, k, s, p, true).getVertex("pool");
        for (int n : new int[] {3, 2}) {
            INDArray x = tiedInput(n, c, h, w);
            INDArray outExpected = reference.getLayer("pool").activate(x, true, NO_WORKSPACES);
            INDArray dOut = Nd4j.randn(DataType.FLOAT, outExpected.shape());
            Pair<INDArray, INDArray> expected = reference(reference, x, dOut);
            INDArray out = forward(vertex, x);
            INDArray eps = backward(vertex, dOut);
            assertThat(out).isEqualTo(expected.getFirst());
            assertThat(eps).isEqualTo(expected.getSecond());
            // the same images channels-last: the same values, laid out NHWC
            assertThat(forward(nhwc, x.permute(0, 2, 3, 1).dup('c'))).as("NHWC output")
                    .isEqualTo(expected.getFirst().permute(0, 2, 3, 1));
            assertThat(backward(nhwc, dOut.permute(0, 2, 3, 1).dup('c'))).as("NHWC input gradient")
                    .isEqualTo(expected.getSecond().permute(0, 2, 3, 1));
            assertThat(eps.sumNumber().doubleValue()).isCloseTo(dOut.sumNumber().doubleValue(),
                    org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void aBackwardPassOnAnotherInputFindsThatInputsMaxima() {
        ComputationGraph reference = graph(4, 8, 8, false, 2, 2, 0);
        GraphVertex vertex = graph(4, 8, 8, true, 2, 2, 0).getVertex("pool");
        INDArray x1 = tiedInput(2, 4, 8, 8);
        INDArray x2 = tiedInput(2, 4, 8, 8);
        INDArray dOut = Nd4j.randn(DataType.FLOAT, 2, 4, 4, 4);
        forward(vertex, x1);
        vertex.setInputs(x2);
        INDArray eps = backward(vertex, dOut);
        assertThat(eps).isEqualTo(reference(reference, x2, dOut).getSecond());
        assertThat(eps).isNotEqualTo(reference(reference, x1, dOut).getSecond());
    }

    @Test
    void badWindowsAndInputsAreRefusedNamingThem() {
        assertThatThrownBy(() -> new OneDnnMaxPool(2, 2, 2, false)).hasMessageContaining("padding 2");
        assertThatThrownBy(() -> graph(3, 2, 2, true, 3, 1, 0)).hasMessageContaining("3x3")
                .hasMessageContaining("2x2 input");
        // (2 - 3) / 2 + 1 is 1 in Java's division; the window still does not fit
        assertThatThrownBy(() -> graph(3, 2, 2, true, 3, 2, 0)).hasMessageContaining("3x3")
                .hasMessageContaining("2x2 input");
        GraphVertex vertex = graph(2, 4, 4, true, 2, 2, 0).getVertex("pool");
        vertex.setInputs(Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 4));
        assertThatThrownBy(() -> vertex.doForward(false, NO_WORKSPACES)).hasMessageContaining("float32")
                .hasMessageContaining("DOUBLE");
    }

    @Test
    void theCompilerUsesItForMaxPoolingAtFloat32Only() {
        var float32 = Dl4jCompiler.compile(TestNetworks.convStack(), Precision.FLOAT32, 1).configuration();
        assertThat(float32.getVertices().get("pool1")).isInstanceOf(OneDnnMaxPool.class);
        assertThat(float32.getVertices().get("pool2")).as("average pooling stays DL4J's")
                .isInstanceOf(org.deeplearning4j.nn.conf.graph.LayerVertex.class);
        var float64 = Dl4jCompiler.compile(TestNetworks.convStack(), Precision.FLOAT64, 1).configuration();
        assertThat(float64.getVertices().get("pool1")).isInstanceOf(org.deeplearning4j.nn.conf.graph.LayerVertex.class);
    }
}
