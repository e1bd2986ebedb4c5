package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Precision;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The native helpers land on the layers they are meant for. That they compute what PyTorch does is
 * {@link Dl4jAgreesWithPytorchTest}'s job (it runs with them); {@link BuiltInLayersAgreeWithPytorchTest}
 * runs the same checks on DL4J's own layers.
 */
class OneDnnHelpersTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(OneDnnHelpers.PROPERTY);
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
    void convolutionMaxPoolAndBatchNormGetHelpersAveragePoolingDoesNot() {
        ComputationGraph graph = graph(TestNetworks.convStack());
        assertThat(helpers(graph)).isEmpty();
        assertThat(OneDnnHelpers.install(graph)).isEqualTo(4);
        assertThat(helpers(graph)).containsExactly(
                "conv1=" + MKLDNNConvHelper.class.getSimpleName(),
                "bn1=" + MKLDNNBatchNormHelper.class.getSimpleName(),
                "pool1=" + MKLDNNSubsamplingHelper.class.getSimpleName(),
                "bn2=" + MKLDNNBatchNormHelper.class.getSimpleName());
    }

    @Test
    void everyConvolutionOfResnet20GetsOne() {
        ComputationGraph graph = graph(ModelZoo.build("resnet20", Shape.chw(1, 28, 28), 10));
        int installed = OneDnnHelpers.install(graph);
        // 19 convolutions and 19 batch norms (option-A shortcuts have neither)
        assertThat(installed).isEqualTo(38);
        assertThat(helpers(graph)).hasSize(38);
    }

    @Test
    void thePropertyTurnsThemOff() {
        System.setProperty(OneDnnHelpers.PROPERTY, "false");
        ComputationGraph graph = graph(TestNetworks.convStack());
        assertThat(OneDnnHelpers.enabled()).isFalse();
        assertThat(OneDnnHelpers.install(graph)).isZero();
        assertThat(helpers(graph)).isEmpty();
    }
}
