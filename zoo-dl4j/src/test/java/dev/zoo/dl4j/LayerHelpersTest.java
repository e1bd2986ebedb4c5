package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.weights.Weights;
import java.util.Random;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native helpers land on the layers they are meant for. That they compute what PyTorch does is
 * {@link Dl4jAgreesWithPytorchTest}'s job (it runs with them); {@link BuiltInLayersAgreeWithPytorchTest}
 * runs the same checks on DL4J's own layers.
 */
class LayerHelpersTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(LayerHelpers.PROPERTY);
    }

    private static ComputationGraph graph(Architecture architecture) {
        ComputationGraph graph = new ComputationGraph(
                Dl4jCompiler.compile(architecture, Precision.FLOAT32, 1).configuration());
        graph.init();
        return graph;
    }

    private static List<String> helpers(ComputationGraph graph) {
        List<String> found = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            if (layer.getHelper() != null) {
                found.add(layer.getConfig().getLayerName() + "=" + layer.getHelper().getClass().getSimpleName());
            }
        }
        return found;
    }

    @Test
    void convolutionAndBatchNormGetHelpersPoolingDoesNot() {
        ComputationGraph graph = graph(TestNetworks.convStack());
        assertThat(helpers(graph)).isEmpty();
        assertThat(LayerHelpers.install(graph)).isEqualTo(3);
        assertThat(helpers(graph)).containsExactly(
                "conv1=" + MKLDNNConvHelper.class.getSimpleName(),
                "bn1=" + MKLDNNBatchNormHelper.class.getSimpleName(),
                "bn2=" + MKLDNNBatchNormHelper.class.getSimpleName());
    }

    @Test
    void aCompiledNetworkRunsBatchNormAsChannelLoopsWithItsReluFused() {
        try (Dl4jNetwork network = (Dl4jNetwork) new Dl4jBackend().compile(TestNetworks.convStack(),
                NetworkOptions.defaults())) {
            List<String> found = helpers(network.graph());
            assertThat(found).containsExactly(
                    "conv1=" + OneDnnConvolution.class.getSimpleName(),
                    "bn1=" + ChannelBatchNorm.class.getSimpleName(),
                    "bn2=" + ChannelBatchNorm.class.getSimpleName());
            assertThat(((ChannelBatchNorm) network.graph().getLayer("bn1").getHelper()).fusesRelu()).isTrue();
            assertThat(((ChannelBatchNorm) network.graph().getLayer("bn2").getHelper()).fusesRelu()).isFalse();
        }
    }

    @Test
    void aFusedReluWithoutItsHelperIsRefused() {
        System.setProperty(LayerHelpers.PROPERTY, "false");
        ComputationGraph graph = graph(TestNetworks.convStack());
        assertThatThrownBy(() -> LayerHelpers.install(graph, java.util.Set.of("bn1")))
                .hasMessageContaining("fused with ReLU").hasMessageContaining("bn1");
    }

    /**
     * The zoo-wide equivalence test steps at float64, where the helpers decline and DL4J's own
     * layers run; so here one float32 training step of whole zoo networks, helpers on against off.
     */
    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "plain20", "lesson_cnn"})
    void aTrainingStepWithTheHelpersEqualsOneWithDl4jsOwnLayers(String model) {
        Architecture a = ModelZoo.build(model, Shape.chw(3, 32, 32), 10);
        Random random = new Random(5);
        int size = 8;
        float[] x = new float[Math.toIntExact(size * a.input().size())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        Batch batch = new Batch(x, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, size, a.input());
        NetworkOptions options = NetworkOptions.defaults().withOptimizer(Optimizer.Sgd.plain()).withSeed(3);
        Weights withHelpers;
        double lossWith;
        try (Network network = new Dl4jBackend().compile(a, options)) {
            lossWith = network.trainStep(batch, 0.05);
            withHelpers = network.exportWeights();
        }
        System.setProperty(LayerHelpers.PROPERTY, "false");
        try (Network network = new Dl4jBackend().compile(a, options)) {
            double lossWithout = network.trainStep(batch, 0.05);
            assertThat(lossWith).isCloseTo(lossWithout, org.assertj.core.data.Offset.offset(1e-5 + 1e-3 * Math.abs(lossWithout)));
            Weights without = network.exportWeights();
            for (String tensor : without.names()) {
                Dl4jAgreesWithPytorchTest.assertClose(model + " " + tensor, withHelpers.get(tensor).data(),
                        without.get(tensor).data());
            }
        }
    }

    @Test
    void everyConvolutionOfResnet20GetsOne() {
        ComputationGraph graph = graph(ModelZoo.build("resnet20", Shape.chw(1, 28, 28), 10));
        int installed = LayerHelpers.install(graph);
        // 19 convolutions and 19 batch norms (option-A shortcuts have neither)
        assertThat(installed).isEqualTo(38);
        assertThat(helpers(graph)).hasSize(38);
    }

    @Test
    void thePropertyTurnsThemOff() {
        System.setProperty(LayerHelpers.PROPERTY, "false");
        ComputationGraph graph = graph(TestNetworks.convStack());
        assertThat(LayerHelpers.enabled()).isFalse();
        assertThat(LayerHelpers.install(graph)).isZero();
        assertThat(helpers(graph)).isEmpty();
    }
}
