package dev.zoo.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionLayer}, configured as usual, whose layer hands its input straight to
 * {@link OneDnnConvolution} when that is its helper and its activation is the identity (the
 * compiler's case: ReLU, where there is one, runs in the helper).
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code ConvolutionLayer} copies an NHWC input to NCHW on every forward
 * pass before it calls its helper (which is then handed the original anyway), and with
 * {@code CacheMode.DEVICE} copies every output once more into its cache for a backward pass that,
 * with the identity activation, only reads the incoming gradient. Everything else (parameters,
 * their names and layout {@code [out, in, kh, kw]}, the output shape, validation of the input,
 * dropout on the input) is DL4J's; any other helper or activation runs DL4J's code unchanged.
 */
final class OneDnnConvolutionLayer extends ConvolutionLayer {

    /** For DL4J's configuration cloning. */
    OneDnnConvolutionLayer() {
    }

    /** The layer {@code builder} describes. */
    OneDnnConvolutionLayer(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public OneDnnConvolutionLayer clone() {
        return (OneDnnConvolutionLayer) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerHelpers.wire(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** The layer as it runs. */
    static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** The helper to hand the layer's work to, or null for DL4J's own code. */
        private OneDnnConvolution direct() {
            return helper instanceof OneDnnConvolution h && layerConf().getActivationFn() instanceof ActivationIdentity
                    && dataType == DataType.FLOAT ? h : null;
        }

        private int[] padding() {
            // the helper computes Same mode's padding itself
            return layerConf().getPadding();
        }

        private INDArray bias(boolean training, LayerWorkspaceMgr workspaceMgr) {
            return layerConf().hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training,
                    workspaceMgr) : null;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            OneDnnConvolution helper = direct();
            if (helper == null) {
                return super.activate(training, workspaceMgr);
            }
            if (input == null) {
                throw new IllegalArgumentException("Cannot perform forward pass with null input " + layerId());
            }
            applyDropOutIfNecessary(training, workspaceMgr);
            validateInputRank();
            INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
            validateInputDepth(weights.size(1));
            CNN2DFormat format = layerConf().getCnn2dDataFormat();
            return helper.preOutput(input.castTo(dataType), weights, bias(training, workspaceMgr),
                    layerConf().getKernelSize(), layerConf().getStride(), padding(), layerConf().getCudnnAlgoMode(),
                    layerConf().getCudnnFwdAlgo(), convolutionMode, layerConf().getDilation(), format, workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            OneDnnConvolution helper = direct();
            if (helper == null) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            Pair<Gradient, INDArray> ret = helper.backpropGradient(input.castTo(dataType), weights,
                    bias(true, workspaceMgr), epsilon.castTo(dataType), layerConf().getKernelSize(),
                    layerConf().getStride(), padding(), gradientViews.get(ConvolutionParamInitializer.BIAS_KEY),
                    gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY), layerConf().getActivationFn(),
                    layerConf().getCudnnAlgoMode(), layerConf().getCudnnBwdFilterAlgo(),
                    layerConf().getCudnnBwdDataAlgo(), convolutionMode, layerConf().getDilation(),
                    layerConf().getCnn2dDataFormat(), workspaceMgr);
            if (ret.getSecond() != null) {
                ret.setSecond(backpropDropOutIfPresent(ret.getSecond()));
            }
            weightNoiseParams.clear();
            return ret;
        }
    }
}
