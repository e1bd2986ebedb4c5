package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link OneDnnConvolution} against DL4J's own {@code ConvolutionLayer} code (its Java im2col and
 * GEMM, no helper) on the same parameters: the output, the weight and bias gradients and the input
 * gradient, over the geometries the zoo's networks use and the awkward ones around them.
 */
class OneDnnConvolutionTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private static ComputationGraph graph(int c, int h, int w, int oc, int k, int stride, int pad, int dilation,
            ConvolutionMode mode, boolean bias, DataType type) {
        return graph(c, h, w, oc, k, stride, pad, dilation, mode, bias, type, Activation.IDENTITY);
    }

    private static ComputationGraph graph(int c, int h, int w, int oc, int k, int stride, int pad, int dilation,
            ConvolutionMode mode, boolean bias, DataType type, Activation activation) {
        return graph(c, h, w, oc, k, stride, pad, dilation, mode, bias, type, activation, CNN2DFormat.NCHW);
    }

    private static ComputationGraph graph(int c, int h, int w, int oc, int k, int stride, int pad, int dilation,
            ConvolutionMode mode, boolean bias, DataType type, Activation activation, CNN2DFormat format) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(h, w, c, format))
                .addLayer("conv", new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(pad, pad)
                        .dilation(dilation, dilation).convolutionMode(mode).nOut(oc).hasBias(bias)
                        // an exception in the helper must fail the test, not fall back to DL4J's code
                        .cudnnAllowFallback(false).activation(activation).build(), "in")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "conv")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.initGradientsView();
        return graph;
    }

    /** The layer's output, gradients and input gradient for one input and one output gradient. */
    private record Result(INDArray out, Map<String, INDArray> gradients, INDArray epsilon) {

        static Result of(Layer layer, INDArray x, INDArray dOut) {
            layer.setInput(x, NO_WORKSPACES);
            INDArray out = layer.activate(true, NO_WORKSPACES).dup();
            Pair<Gradient, INDArray> p = layer.backpropGradient(dOut, NO_WORKSPACES);
            Map<String, INDArray> grads = new java.util.TreeMap<>();
            p.getFirst().gradientForVariable().forEach((k, v) -> grads.put(k, v.dup()));
            return new Result(out, grads, p.getSecond() == null ? null : p.getSecond().dup());
        }
    }

    /** {@code tested}'s convolution, given {@code reference}'s parameters and {@code helper}. */
    private static Layer withHelper(ComputationGraph reference, ComputationGraph tested, Object helper) {
        tested.setParams(reference.params().dup());
        Layer layer = tested.getLayer("conv");
        LayerHelpers.set(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, layer, t -> helper,
                DataType.FLOAT);
        return layer;
    }

    private static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double scale = Math.max(1e-3, expected.norm2Number().doubleValue() / Math.sqrt(expected.length()));
        double worst = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.floating.NormMax(
                actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)))).getDouble(0);
        assertThat(worst / scale).as(what + ": largest difference relative to the typical value").isLessThan(1e-4);
    }

    /** The output, and every parameter gradient, close to the reference's. */
    private static void assertOutputAndParameterGradients(Result actual, Result expected) {
        assertClose(actual.out(), expected.out(), "output");
        assertThat(actual.gradients().keySet()).isEqualTo(expected.gradients().keySet());
        for (String key : expected.gradients().keySet()) {
            assertClose(actual.gradients().get(key), expected.gradients().get(key), key + " gradient");
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3}, kernel {4}, stride {5}, pad {6}, dilation {7}, {8}, bias {9}")
    @CsvSource({
            // the lesson CNN's two layers
            "3, 14, 14, 16, 3, 1, 0, 1, Truncate, true",
            "16, 7, 7, 32, 3, 1, 0, 1, Truncate, true",
            // ResNet: 3x3 padded (no bias before batch norm), stride 2 with right padding 0, 1x1 projection
            "16, 8, 8, 16, 3, 1, 1, 1, Truncate, false",
            "16, 8, 8, 32, 3, 2, 1, 1, Truncate, false",
            "16, 8, 8, 32, 1, 2, 0, 1, Truncate, false",
            // AlexNet-like: large kernel and stride, VGG-like: many channels
            "3, 23, 23, 8, 11, 4, 2, 1, Truncate, true",
            "40, 5, 5, 24, 3, 1, 1, 1, Truncate, true",
            // Same mode with odd sizes and stride, dilation
            "5, 7, 9, 6, 3, 2, 0, 1, Same, true",
            "4, 9, 9, 5, 3, 1, 2, 2, Truncate, true",
            "4, 10, 10, 5, 2, 1, 0, 1, Same, false",
            // truncating: 11x11 at stride 2 leaves the last row and column unread (right padding -1 -> 0)
            "3, 11, 11, 4, 2, 2, 0, 1, Truncate, true",
            "3, 12, 12, 4, 3, 2, 1, 1, Truncate, false",
    })
    void agreesWithDl4jsOwnLayer(int c, int h, int w, int oc, int k, int stride, int pad, int dilation,
            ConvolutionMode mode, boolean bias) {
        for (CNN2DFormat format : CNN2DFormat.values()) {
            agreesWithDl4jsOwnLayer(c, h, w, oc, k, stride, pad, dilation, mode, bias, format);
        }
    }

    private void agreesWithDl4jsOwnLayer(int c, int h, int w, int oc, int k, int stride, int pad, int dilation,
            ConvolutionMode mode, boolean bias, CNN2DFormat format) {
        ComputationGraph reference = graph(c, h, w, oc, k, stride, pad, dilation, mode, bias, DataType.FLOAT,
                Activation.IDENTITY, format);
        ComputationGraph tested = graph(c, h, w, oc, k, stride, pad, dilation, mode, bias, DataType.FLOAT,
                Activation.IDENTITY, format);
        Layer layer = withHelper(reference, tested, new OneDnnConvolution("conv", bias, true, false, new OneDnn.Arena()));
        for (int n : new int[] {3, 2, 3}) { // a new batch size builds a second plan; the first is kept
            Nd4j.getRandom().setSeed(n);
            INDArray x = format == CNN2DFormat.NHWC ? Nd4j.randn(DataType.FLOAT, n, h, w, c)
                    : Nd4j.randn(DataType.FLOAT, n, c, h, w);
            long[] outShape = reference.getLayer("conv").activate(x, true, NO_WORKSPACES).shape();
            INDArray dOut = Nd4j.randn(DataType.FLOAT, outShape);
            Result expected = Result.of(reference.getLayer("conv"), x, dOut);
            Result actual = Result.of(layer, x, dOut);
            assertOutputAndParameterGradients(actual, expected);
            assertClose(actual.epsilon(), expected.epsilon(), format + " input gradient");
        }
    }

    @Test
    void aLayerReadingTheNetworkInputReturnsNoInputGradientButTheSameWeightGradients() {
        ComputationGraph reference = graph(3, 12, 12, 8, 3, 1, 0, 1, ConvolutionMode.Truncate, true, DataType.FLOAT);
        ComputationGraph tested = graph(3, 12, 12, 8, 3, 1, 0, 1, ConvolutionMode.Truncate, true, DataType.FLOAT);
        Layer layer = withHelper(reference, tested, new OneDnnConvolution("conv", true, false, false, new OneDnn.Arena()));
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 12, 12);
        INDArray dOut = Nd4j.randn(DataType.FLOAT, 4, 8, 10, 10);
        Result expected = Result.of(reference.getLayer("conv"), x, dOut);
        Result actual = Result.of(layer, x, dOut);
        assertThat(actual.epsilon()).isNull();
        assertOutputAndParameterGradients(actual, expected);
    }

    @ParameterizedTest(name = "input gradient {0}, {1}")
    @CsvSource({"true, Truncate", "false, Truncate", "true, Same"})
    void aFusedReluGivesWhatDl4jsReluLayerGives(boolean inputGradient, ConvolutionMode mode) {
        // DL4J's layer with its ReLU activation against the identity activation and the helper's ReLU
        int pad = mode == ConvolutionMode.Same ? 0 : 1;
        ComputationGraph reference = graph(3, 11, 11, 8, 3, 2, pad, 1, mode, true, DataType.FLOAT, Activation.RELU);
        ComputationGraph tested = graph(3, 11, 11, 8, 3, 2, pad, 1, mode, true, DataType.FLOAT, Activation.IDENTITY);
        Layer layer = withHelper(reference, tested, new OneDnnConvolution("conv", true, inputGradient, true, new OneDnn.Arena()));
        for (int n : new int[] {4, 2}) {
            INDArray x = Nd4j.randn(DataType.FLOAT, n, 3, 11, 11);
            long[] outShape = reference.getLayer("conv").activate(x, true, NO_WORKSPACES).shape();
            INDArray dOut = Nd4j.randn(DataType.FLOAT, outShape);
            Result expected = Result.of(reference.getLayer("conv"), x, dOut);
            Result actual = Result.of(layer, x, dOut);
            assertThat(expected.out().minNumber().doubleValue()).isEqualTo(0.0);
            assertThat(expected.out().lt(1e-30).castTo(DataType.FLOAT).sumNumber().doubleValue()).as("zeros").isGreaterThan(0.2 * expected.out().length());
            assertOutputAndParameterGradients(actual, expected);
            if (inputGradient) {
                assertClose(actual.epsilon(), expected.epsilon(), "input gradient");
            } else {
                assertThat(actual.epsilon()).isNull();
            }
        }
    }

    @Test
    void aFusedReluRefusesWhatOnlyDl4jCouldRun() {
        ComputationGraph graph = graph(3, 6, 6, 4, 3, 1, 0, 1, ConvolutionMode.Truncate, true, DataType.DOUBLE);
        OneDnnConvolution helper = new OneDnnConvolution("conv", true, true, true, new OneDnn.Arena());
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 6, 6);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> helper.preOutput(x,
                graph.getLayer("conv").getParam("W"), graph.getLayer("conv").getParam("b"), new int[] {3, 3},
                new int[] {1, 1}, new int[] {0, 0}, null, null, ConvolutionMode.Truncate, new int[] {1, 1},
                org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, NO_WORKSPACES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fused with ReLU")
                .hasMessageContaining("DOUBLE");
    }

    @Test
    void inputsThatAreNotDenseCOrderGiveTheSameResults() {
        ComputationGraph reference = graph(4, 6, 6, 8, 3, 1, 1, 1, ConvolutionMode.Truncate, true, DataType.FLOAT);
        ComputationGraph tested = graph(4, 6, 6, 8, 3, 1, 1, 1, ConvolutionMode.Truncate, true, DataType.FLOAT);
        Layer layer = withHelper(reference, tested, new OneDnnConvolution("conv", true, true, false, new OneDnn.Arena()));
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 4, 6, 6);
        INDArray dOut = Nd4j.randn(DataType.FLOAT, 5, 8, 6, 6);
        INDArray xF = x.dup('f');
        INDArray dOutView = Nd4j.randn(DataType.FLOAT, 7, 8, 6, 6).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 6));
        dOutView.assign(dOut);
        assertThat(ChannelBatchNorm.dense(xF)).isFalse();
        Result expected = Result.of(reference.getLayer("conv"), x, dOut);
        Result actual = Result.of(layer, xF, dOutView);
        assertOutputAndParameterGradients(actual, expected);
        assertClose(actual.epsilon(), expected.epsilon(), "input gradient");
    }

    @Test
    void float64IsLeftToDl4j() {
        ComputationGraph graph = graph(3, 6, 6, 4, 3, 1, 0, 1, ConvolutionMode.Truncate, true, DataType.DOUBLE);
        OneDnnConvolution helper = new OneDnnConvolution("conv", true, true, false, new OneDnn.Arena());
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 6, 6);
        INDArray w = graph.getLayer("conv").getParam("W");
        assertThat(helper.preOutput(x, w, graph.getLayer("conv").getParam("b"), new int[] {3, 3}, new int[] {1, 1},
                new int[] {0, 0}, null, null, ConvolutionMode.Truncate, new int[] {1, 1},
                org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, NO_WORKSPACES)).isNull();
    }

    @Test
    void theInstallerSkipsTheInputGradientOnlyWhereTheNetworkInputIsRead() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "c1")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "c2")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        assertThat(LayerHelpers.readsNetworkInput(graph, "c1")).isTrue();
        assertThat(LayerHelpers.readsNetworkInput(graph, "c2")).isFalse();
    }

    @Test
    void anInputReadTwiceKeepsItsGradientAndTrains() {
        // the input feeds the convolution and a residual add: DL4J sums both gradients for it
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(6, 6, 3))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(3).cudnnAllowFallback(false)
                        .build(), "in")
                .addVertex("add", new org.deeplearning4j.nn.conf.graph.ElementWiseVertex(
                        org.deeplearning4j.nn.conf.graph.ElementWiseVertex.Op.Add), "c1", "in")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "add")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        assertThat(LayerHelpers.readsNetworkInput(graph, "c1")).isFalse();
        assertThat(LayerHelpers.install(graph, java.util.Set.of())).isEqualTo(1);
        assertThat(graph.getLayer("c1").getHelper()).isInstanceOf(OneDnnConvolution.class);
        graph.setInputs(Nd4j.randn(DataType.FLOAT, 2, 3, 6, 6));
        graph.setLabels(Nd4j.randn(DataType.FLOAT, 2, 3, 6, 6));
        graph.computeGradientAndScore();
        assertThat(graph.gradient().gradient().norm2Number().doubleValue()).isPositive();
    }
}
