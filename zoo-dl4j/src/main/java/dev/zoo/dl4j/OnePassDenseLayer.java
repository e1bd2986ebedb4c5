package dev.zoo.dl4j;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link DenseLayer}, configured as usual, whose backward pass does not compute the forward
 * pass again.
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code BaseLayer.backpropGradient} computes {@code z = x W + b} once
 * more (a GEMM, into a fresh activations array) only to take the activation's derivative at
 * {@code z}: 1.2 ms of a 15 ms lesson-CNN step at batch 64. With the identity the derivative does not
 * read {@code z}; with ReLU as the compiler configures it (no maximum, threshold or negative slope)
 * it reads only whether {@code z > 0}, which is whether the layer's output is. So a training forward
 * pass keeps a copy of the output ({@code batch x units} values, outside every workspace, reused from
 * step to step), and the backward pass takes ReLU's derivative there, which gives bit for bit what
 * DL4J's own pass gives. The rest of the backward pass is DL4J's code as it stands. Any other
 * activation, layer norm, a mask or weight noise runs DL4J's code unchanged.
 */
final class OnePassDenseLayer extends DenseLayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's configuration cloning and JSON. */
    OnePassDenseLayer() {
    }

    /** The layer {@code built} describes, every setting copied. */
    static OnePassDenseLayer of(DenseLayer built) {
        OnePassDenseLayer layer = new OnePassDenseLayer();
        for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(layer, f.get(built));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("dl4j: cannot copy the dense layer's setting " + c.getSimpleName()
                            + "." + f.getName() + ": " + e, e);
                }
            }
        }
        return layer;
    }

    @Override
    public OnePassDenseLayer clone() {
        return (OnePassDenseLayer) super.clone();
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerHelpers.wire(new Impl(conf, networkDataType), initializer(), conf, trainingListeners, layerIndex,
                layerParamsView, initializeParams);
    }

    /** The layer as it runs. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {

        /** The last training forward pass's output, when the activation is ReLU. */
        private INDArray output;
        /** Whether the last forward pass was a training pass this layer can run backward without redoing it. */
        private boolean ready;
        /** The input (after dropout) of that pass: a backward pass on another input runs DL4J's code. */
        private INDArray readyFor;
        /** Backward passes that took the derivative at the kept output. */
        private long direct;

        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** True when the activation's derivative needs nothing but the sign of the output (or nothing at all). */
        private boolean direct() {
            IActivation f = layerConf().getActivationFn();
            boolean plainRelu = f instanceof ActivationReLU r && r.getMax() == null
                    && (r.getThreshold() == null || r.getThreshold() == 0.0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
            return (plainRelu || f instanceof ActivationIdentity) && !hasLayerNorm() && maskArray == null
                    && layerConf().getWeightNoise() == null;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray out = super.activate(training, workspaceMgr);
            ready = training && direct();
            readyFor = ready ? input : null;
            if (ready && layerConf().getActivationFn() instanceof ActivationReLU) {
                if (output == null || output.dataType() != out.dataType() || !Arrays.equals(output.shape(), out.shape())) {
                    if (output != null) {
                        output.close();
                    }
                    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                        output = Nd4j.createUninitialized(out.dataType(), out.shape(), 'c');
                    }
                }
                output.assign(out);
            }
            return out;
        }

        /** As {@code BaseLayer.backpropGradient}, with the derivative taken at the kept output. */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            boolean same = ready && input == readyFor;
            ready = false;
            readyFor = null;
            if (!same || !direct()) {
                return super.backpropGradient(epsilon, workspaceMgr);
            }
            assertInputSet(true);
            applyDropOutIfNecessary(true, workspaceMgr); // done in the forward pass already: DL4J's check keeps it once
            direct++;
            IActivation f = layerConf().getActivationFn();
            // ReLU's derivative where the output is positive, written into the kept copy; the identity's is epsilon
            INDArray delta = f instanceof ActivationReLU ? f.backprop(output, epsilon).getFirst() : epsilon;
            Gradient ret = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGrad, 0);
                ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {w.size(0), delta.size(0)}, 'f');
            epsilonNext = w.mmuli(delta.transpose(), epsilonNext).transpose();
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
            ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            return new Pair<>(ret, backpropDropOutIfPresent(epsilonNext));
        }

        /** How many backward passes did not compute the forward pass again. */
        long directBackwardPasses() {
            return direct;
        }

        @Override
        public void clear() {
            super.clear();
            ready = false;
            readyFor = null;
        }
    }
}
