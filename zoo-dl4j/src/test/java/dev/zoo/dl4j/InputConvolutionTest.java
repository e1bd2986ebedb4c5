package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The weight and bias gradients of {@link InputConvolution} against libnd4j's oneDNN {@code conv2d_bp}. */
class InputConvolutionTest {

    @ParameterizedTest(name = "{0} images, {1}->{2} channels, {3}x{3} input, kernel {4}, stride {5}, padding {6}, bias {7}")
    @CsvSource({"4, 3, 5, 9, 3, 1, 0, true", "3, 2, 4, 8, 3, 2, 1, false", "2, 1, 6, 7, 5, 1, 2, true"})
    void weightAndBiasGradientsAreOneDnns(int images, int in, int out, int size, int kernel, int stride, int padding,
            boolean bias) {
        Nd4j.getRandom().setSeed(images * 7 + in);
        INDArray input = Nd4j.randn(DataType.FLOAT, images, in, size, size);
        INDArray weights = Nd4j.randn(DataType.FLOAT, out, in, kernel, kernel);
        INDArray b = bias ? Nd4j.randn(DataType.FLOAT, 1, out) : null;
        int outSize = (size + 2 * padding - kernel) / stride + 1;
        INDArray delta = Nd4j.randn(DataType.FLOAT, images, out, outSize, outSize);
        int[] k = {kernel, kernel};
        int[] s = {stride, stride};
        int[] p = {padding, padding};
        int[] d = {1, 1};
        INDArray expectedWeights = Nd4j.zeros(DataType.FLOAT, out, in, kernel, kernel);
        INDArray expectedBias = bias ? Nd4j.zeros(DataType.FLOAT, 1, out) : null;
        new MKLDNNConvHelper(DataType.FLOAT).backpropGradient(input, weights, b, delta, k, s, p, expectedBias,
                expectedWeights, new ActivationIdentity(), ConvolutionLayer.AlgoMode.PREFER_FASTEST, null, null,
                ConvolutionMode.Truncate, d, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        assertThat(expectedWeights.sumNumber().doubleValue()).isNotZero();

        InputConvolution helper = new InputConvolution(DataType.FLOAT);
        INDArray weightGrad = Nd4j.zeros(DataType.FLOAT, out, in, kernel, kernel);
        INDArray biasGrad = bias ? Nd4j.zeros(DataType.FLOAT, 1, out) : null;
        INDArray inputGrad = helper.weightGradientsOnly(input, delta, k, s, p, biasGrad, weightGrad, d,
                LayerWorkspaceMgr.noWorkspaces()).getSecond();
        assertClose("dL/dW", weightGrad, expectedWeights);
        if (bias) {
            assertClose("dL/db", biasGrad, expectedBias);
        }
        assertThat(inputGrad.shape()).isEqualTo(input.shape());
        assertThat(inputGrad.amaxNumber().doubleValue()).as("the input gradient nobody reads").isZero();

        // through the helper: both ways while it times them, then the one it chose
        for (int call = 0; call < 2 * InputConvolution.TRIALS + 4; call++) {
            weightGrad.assign(0);
            helper.backpropGradient(input, weights, b, delta, k, s, p, biasGrad, weightGrad, new ActivationIdentity(),
                    ConvolutionLayer.AlgoMode.PREFER_FASTEST, null, null, ConvolutionMode.Truncate, d,
                    CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
            assertClose("dL/dW at call " + call, weightGrad, expectedWeights);
            boolean decided = call >= 2 * InputConvolution.TRIALS + 1;
            assertThat(helper.oursChosen(input.shape()) != null).as("chosen after call %d", call).isEqualTo(decided);
        }
    }

    private static void assertClose(String what, INDArray actual, INDArray expected) {
        assertThat(actual.equalsWithEps(expected, 1e-3)).as("%s: %s against %s", what, actual, expected).isTrue();
    }
}
