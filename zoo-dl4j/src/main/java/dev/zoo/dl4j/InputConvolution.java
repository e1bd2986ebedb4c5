package dev.zoo.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The helper of a convolution whose input is the network's input: oneDNN forward (through
 * {@link MKLDNNConvHelper}), and a backward pass that computes only the weight and bias gradients,
 * as im2col and one matrix product (DL4J's own formulation). Nothing needs the gradient with
 * respect to the images, which libnd4j's {@code conv2d_bp} always computes: for the lesson CNN's
 * first convolution at batch 128 (3 channels in, no padding) oneDNN chose Winograd for it and took
 * 21.8 ms of a 100 ms step (oneDNN's verbose log), against 5.0 ms at batch 64. The input gradient
 * this helper returns is zeros, which the graph's input vertex discards.
 */
final class InputConvolution implements ConvolutionHelper {

    private final MKLDNNConvHelper forward;

    InputConvolution(DataType type) {
        this.forward = new MKLDNNConvHelper(type);
    }

    @Override
    public boolean checkSupported() {
        return forward.checkSupported();
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        return forward.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation,
                format, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return forward.activate(z, afn, training);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
            ConvolutionLayer.BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (input.dataType() != DataType.FLOAT || format != CNN2DFormat.NCHW || convolutionMode == ConvolutionMode.Same) {
            return forward.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, workspaceMgr);
        }
        long images = input.size(0);
        long channels = input.size(1);
        long filters = weights.size(0);
        long outH = delta.size(2);
        long outW = delta.size(3);
        int kH = kernel[0];
        int kW = kernel[1];
        long positions = outH * outW;
        long taps = channels * kH * kW;
        // columns[(c, kh, kw), (n, oh, ow)]: every tap's value at every output position, each row
        // contiguous; im2col writes it through a view in its own [n, c, kh, kw, oh, ow] order
        INDArray columns = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {channels, kH, kW, images, outH, outW}, 'c');
        Convolution.im2col(input, kH, kW, strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1], false,
                columns.permute(3, 0, 1, 2, 4, 5));
        // delta[o, (n, oh, ow)]
        INDArray delta2d = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, delta.permute(1, 0, 2, 3), 'c')
                .reshape('c', filters, images * positions);
        // dL/dW[o, (c, kh, kw)] = delta x columns^T: one product over all images and positions
        Nd4j.gemm(delta2d, columns.reshape('c', taps, images * positions),
                Shape.newShapeNoCopy(weightGradView, new long[] {filters, taps}, false), false, true, 1.0, 0.0);
        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            delta2d.sum(biasGradView, 1);
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        INDArray noInputGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        return new Pair<>(gradient, noInputGradient);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return forward.helperMemoryUse();
    }
}
