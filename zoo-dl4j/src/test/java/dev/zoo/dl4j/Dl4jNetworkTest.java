package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;

/** Behaviour of a compiled DL4J network that the shared contracts do not pin down. */
class Dl4jNetworkTest {

    @Test
    void anActivationRightAfterAConvolutionOrDenseLayerIsFusedIntoIt() {
        // at float64 a convolution's ReLU becomes the DL4J layer's activation
        var globalMax = Dl4jCompiler.compile(TestNetworks.globalMax(), Precision.FLOAT64, 1).configuration().getVertices();
        assertThat(globalMax).containsKey("conv").doesNotContainKey("relu");
        assertThat(convolution(globalMax).getActivationFn()).isInstanceOf(ActivationReLU.class);
        // at float32 the convolution's helper computes it, the layer's activation is the identity
        var float32 = Dl4jCompiler.compile(TestNetworks.globalMax(), Precision.FLOAT32, 1);
        assertThat(float32.configuration().getVertices()).containsKey("conv").doesNotContainKey("relu");
        assertThat(convolution(float32.configuration().getVertices()).getActivationFn())
                .isInstanceOf(org.nd4j.linalg.activations.impl.ActivationIdentity.class);
        assertThat(float32.reluFused()).containsExactly("conv");
        assertThat(convolution(float32.configuration().getVertices()).isCudnnAllowFallback())
                .as("a failing helper must not fall back to DL4J's code, which has no ReLU here").isFalse();
        // dense1 + tanh is fused; after a batch norm only ReLU is, by the batch norm's helper
        var compiled = Dl4jCompiler.compile(TestNetworks.convStack(), Precision.FLOAT32, 1);
        assertThat(compiled.configuration().getVertices()).containsKeys("bn1", "bn2", "dense1", "sigmoid")
                .doesNotContainKeys("tanh", "relu1");
        assertThat(compiled.reluFused()).containsExactly("bn1");
    }

    private static org.deeplearning4j.nn.conf.layers.ConvolutionLayer convolution(
            java.util.Map<String, org.deeplearning4j.nn.conf.graph.GraphVertex> vertices) {
        return (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) ((LayerVertex) vertices.get("conv")).getLayerConf()
                .getLayer();
    }

    @Test
    void aConvolutionKeepsItsReluActivationOnLibnd4jsConvolution() {
        System.setProperty(LayerHelpers.CONV_PROPERTY, "nd4j");
        try {
            var compiled = Dl4jCompiler.compile(TestNetworks.globalMax(), Precision.FLOAT32, 1);
            assertThat(compiled.reluFused()).isEmpty();
            assertThat(convolution(compiled.configuration().getVertices()).getActivationFn())
                    .isInstanceOf(ActivationReLU.class);
        } finally {
            System.clearProperty(LayerHelpers.CONV_PROPERTY);
        }
        assertThatThrownBy(() -> compiledWith(LayerHelpers.CONV_PROPERTY, "cudnn", Precision.FLOAT32))
                .hasMessageContaining(LayerHelpers.CONV_PROPERTY).hasMessageContaining("onednn3 or nd4j")
                .hasMessageContaining("'cudnn'");
    }

    /** Compiles the conv stack at {@code precision} with the system property {@code property} set to {@code value}. */
    private static Dl4jCompiler.Compiled compiledWith(String property, String value, Precision precision) {
        System.setProperty(property, value);
        try {
            return Dl4jCompiler.compile(TestNetworks.convStack(), precision, 1);
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void convolutionsKeepTheirForwardOutputForTheBackwardPassUnlessToldNot() {
        assertThat(Dl4jCompiler.compile(TestNetworks.convStack(), Precision.FLOAT32, 1).configuration().getCacheMode())
                .isEqualTo(org.deeplearning4j.nn.conf.CacheMode.DEVICE);
        assertThat(compiledWith(Dl4jCompiler.CACHE_PROPERTY, "NONE", Precision.FLOAT32).configuration().getCacheMode())
                .isEqualTo(org.deeplearning4j.nn.conf.CacheMode.NONE);
        assertThatThrownBy(() -> compiledWith(Dl4jCompiler.CACHE_PROPERTY, "HOST", Precision.FLOAT32))
                .hasMessageContaining(Dl4jCompiler.CACHE_PROPERTY).hasMessageContaining("DEVICE or NONE")
                .hasMessageContaining("'HOST'");
    }

    @Test
    void batchNormKeepsItsReluLayerAtFloat64OrOnLibnd4jsKernel() {
        var float64 = Dl4jCompiler.compile(TestNetworks.convStack(), Precision.FLOAT64, 1);
        assertThat(float64.configuration().getVertices()).containsKeys("bn1", "relu1");
        assertThat(float64.reluFused()).isEmpty();
        var onednn = compiledWith(LayerHelpers.BATCH_NORM_PROPERTY, "onednn", Precision.FLOAT32);
        assertThat(onednn.configuration().getVertices()).containsKeys("bn1", "relu1");
        assertThat(onednn.reluFused()).isEmpty();
        assertThatThrownBy(() -> compiledWith(LayerHelpers.BATCH_NORM_PROPERTY, "mkl", Precision.FLOAT32))
                .hasMessageContaining(LayerHelpers.BATCH_NORM_PROPERTY).hasMessageContaining("'mkl'");
    }

    @Test
    void gradientNormsAreComputedOnlyWhenAskedAndSurviveClose() {
        Architecture a = TestNetworks.globalMax();
        Batch batch = new Batch(new float[2 * 25], new int[] {0, 1}, 2, a.input());
        java.util.Arrays.fill(batch.images(), 0.5f);
        Dl4jNetwork eager = (Dl4jNetwork) new Dl4jBackend().compile(a, NetworkOptions.defaults());
        Dl4jNetwork lazy = (Dl4jNetwork) new Dl4jBackend().compile(a, NetworkOptions.defaults());
        try (eager) {
            var expected = new java.util.ArrayList<java.util.Map<String, Double>>();
            for (int step = 0; step < 3; step++) {
                eager.trainStep(batch, 0.1);
                expected.add(eager.lastGradientNorms());
            }
            assertThat(eager.gradientNormPasses).isEqualTo(3);
            for (int step = 0; step < 3; step++) {
                lazy.trainStep(batch, 0.1);
            }
            assertThat(lazy.gradientNormPasses).as("norms computed although nobody asked").isZero();
            lazy.predict(batch);
            lazy.close();
            assertThat(lazy.lastGradientNorms()).as("the last step's norms, after close")
                    .isEqualTo(expected.get(2)).isNotEqualTo(expected.get(1));
            assertThat(lazy.gradientNormPasses).isEqualTo(1);
        }
    }

    @Test
    void theBackendIsFoundByItsId() {
        assertThat(Backends.get("dl4j")).isInstanceOf(Dl4jBackend.class);
    }

    @Test
    void aGpuIsRefusedWithTheRouteToCuda() {
        assertThatThrownBy(() -> new Dl4jBackend().compile(TestNetworks.globalMax(),
                NetworkOptions.defaults().withDevice(Device.GPU))).hasMessageContaining("nd4j-cuda");
    }

    @Test
    void badBatchesAreRejectedInJavaNamingTheRuleAndValue() {
        Architecture a = TestNetworks.globalMax();
        try (Network network = new Dl4jBackend().compile(a, NetworkOptions.defaults())) {
            Batch wrongShape = new Batch(new float[2 * 16], new int[] {0, 1}, 2, Shape.chw(1, 4, 4));
            assertThatThrownBy(() -> network.trainStep(wrongShape, 0.1)).hasMessageContaining("1x4x4")
                    .hasMessageContaining("1x5x5");
            Batch badLabel = new Batch(new float[2 * 25], new int[] {0, 2}, 2, a.input());
            assertThatThrownBy(() -> network.predict(badLabel)).hasMessageContaining("label 2")
                    .hasMessageContaining("[0, 2)");
            assertThatThrownBy(() -> network.trainStep(new Batch(new float[2 * 25], new int[] {0, 1}, 2, a.input()),
                    Double.NaN)).hasMessageContaining("learning rate");
        }
    }

    /** DL4J's dropout argument is the retain probability; the spec's is the drop rate. */
    @Test
    void dropoutZeroesTheSpecsRateAndScalesTheRest() {
        int features = 2000;
        Architecture a = new Architecture("dropout", "", Shape.flat(features), features, Sequential.of("net",
                new Dropout("drop", 0.3), new Dense("fc", features, false)));
        try (Network network = new Dl4jBackend().compile(a, NetworkOptions.defaults())) {
            float[] identity = new float[features * features];
            for (int i = 0; i < features; i++) {
                identity[i * features + i] = 1f;
            }
            Map<String, Tensor> w = new LinkedHashMap<>();
            w.put("fc.weight", Tensor.of(identity, features, features));
            network.importWeights(new Weights(w));
            float[] ones = new float[features];
            java.util.Arrays.fill(ones, 1f);
            Batch batch = new Batch(ones, new int[] {0}, 1, a.input());
            float[] eval = network.predict(batch);
            assertThat(eval).containsOnly(1f);
            Dl4jNetwork net = (Dl4jNetwork) network;
            net.graph().setInputs(org.nd4j.linalg.factory.Nd4j.create(ones, new long[] {1, features}, 'c'));
            float[] train = net.graph().feedForward(true).get("drop").castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                    .data().asFloat();
            long zeros = 0;
            for (float v : train) {
                if (v == 0f) {
                    zeros++;
                } else {
                    assertThat(v).isCloseTo(1f / 0.7f, org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            assertThat(zeros / (double) features).isBetween(0.25, 0.35);
        }
    }
}
