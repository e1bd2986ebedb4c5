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
        INDArray[] weightGrads = new INDArray[2];
        INDArray[] biasGrads = new INDArray[2];
        INDArray[] inputGrads = new INDArray[2];
        int i = 0;
        for (Object helper : new Object[] {new MKLDNNConvHelper(DataType.FLOAT), new InputConvolution(DataType.FLOAT)}) {
            weightGrads[i] = Nd4j.zeros(DataType.FLOAT, out, in, kernel, kernel);
            biasGrads[i] = bias ? Nd4j.zeros(DataType.FLOAT, 1, out) : null;
            var result = helper instanceof InputConvolution ic
                    ? ic.backpropGradient(input, weights, b, delta, k, s, p, biasGrads[i], weightGrads[i],
                            new ActivationIdentity(), ConvolutionLayer.AlgoMode.PREFER_FASTEST, null, null,
                            ConvolutionMode.Truncate, d, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces())
                    : ((MKLDNNConvHelper) helper).backpropGradient(input, weights, b, delta, k, s, p, biasGrads[i],
                            weightGrads[i], new ActivationIdentity(), ConvolutionLayer.AlgoMode.PREFER_FASTEST, null,
                            null, ConvolutionMode.Truncate, d, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
            inputGrads[i] = result.getSecond();
            i++;
        }
        assertThat(weightGrads[1].equalsWithEps(weightGrads[0], 1e-3)).as("dL/dW %s against %s", weightGrads[1],
                weightGrads[0]).isTrue();
        assertThat(weightGrads[1].sumNumber().doubleValue()).isNotZero();
        if (bias) {
            assertThat(biasGrads[1].equalsWithEps(biasGrads[0], 1e-3)).as("dL/db").isTrue();
        }
        assertThat(inputGrads[1].shape()).isEqualTo(input.shape());
        assertThat(inputGrads[1].amaxNumber().doubleValue()).as("the input gradient nobody reads").isZero();
    }
}
