package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Networks compiled channels-last: which are, what their layers run on, and the two places where
 * NHWC meets the NCHW outside ({@link ChannelsLast}). That their numbers agree with PyTorch's is
 * {@link Dl4jAgreesWithPytorchTest}'s business (its residual and global-max networks compile
 * channels-last, its convolution stack with local response norm does not).
 */
class ChannelsLastTest {

    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @AfterEach
    void clearProperty() {
        System.clearProperty(LayerHelpers.LAYOUT_PROPERTY);
    }

    private static boolean channelsLast(String model, Precision precision) {
        return Dl4jCompiler.channelsLast(Dl4jCompiler.compile(ModelZoo.build(model, Shape.chw(3, 32, 32), 10),
                precision, 1));
    }

    @Test
    void float32NetworksRunChannelsLastUnlessALayerHasNoSuchForm() {
        assertThat(channelsLast("resnet20", Precision.FLOAT32)).isTrue();
        assertThat(channelsLast("lesson_cnn", Precision.FLOAT32)).isTrue();
        assertThat(channelsLast("resnet20", Precision.FLOAT64)).as("float64 stays on DL4J's layers").isFalse();
        assertThat(Dl4jCompiler.channelsLastFits(TestNetworks.convStack())).as("local response norm, average pooling")
                .isFalse();
        System.setProperty(LayerHelpers.LAYOUT_PROPERTY, "nchw");
        assertThat(channelsLast("resnet20", Precision.FLOAT32)).isFalse();
        System.setProperty(LayerHelpers.LAYOUT_PROPERTY, "nhcw");
        assertThatThrownBy(() -> channelsLast("resnet20", Precision.FLOAT32))
                .hasMessageContaining(LayerHelpers.LAYOUT_PROPERTY).hasMessageContaining("nhcw");
    }

    @Test
    void aChannelsLastNetworkRunsBatchNormOnOneDnnAndItsFirstConvolutionComputesNoInputGradient() {
        try (Dl4jNetwork network = (Dl4jNetwork) new Dl4jBackend().compile(TestNetworks.residuals(),
                NetworkOptions.defaults())) {
            List<String> batchNorms = new ArrayList<>();
            for (Layer layer : network.graph().getLayers()) {
                if (layer.getHelper() instanceof OneDnnBatchNorm bn) {
                    batchNorms.add(layer.getConfig().getLayerName() + (bn.fusesRelu() ? "+relu" : ""));
                }
            }
            assertThat(batchNorms).containsExactlyInAnyOrder("bn+relu", "block1.bn1+relu", "block1.bn2",
                    "block2.bn1+relu", "block2.bn2", "block3.bn1+relu", "block3.bn2", "block3.shortcut.bn");
            assertThat(LayerHelpers.readsNetworkInput(network.graph(), "stem")).isTrue();
            assertThat(LayerHelpers.readsNetworkInput(network.graph(), "block1.conv1")).isFalse();
        }
    }

    @Test
    void flatteningNhwcNumbersValuesAsNchwDoesAndTheGradientGoesBack() {
        INDArray nchw = Nd4j.linspace(DataType.FLOAT, 0, 2 * 3 * 2 * 4, 1).reshape(2, 3, 2, 4);
        INDArray nhwc = nchw.permute(0, 2, 3, 1).dup('c');
        ChannelsLast flatten = ChannelsLast.flatten(2, 4, 3);
        INDArray rows = flatten.preProcess(nhwc, 2, NO_WORKSPACES);
        assertThat(rows).isEqualTo(nchw.reshape(2, 24));
        assertThat(flatten.backprop(rows, 2, NO_WORKSPACES)).isEqualTo(nhwc);
        assertThat(flatten.getOutputType(null).arrayElementsPerExample()).isEqualTo(24);
    }

    @Test
    void theEntryCopiesNchwToNhwcAndPassesOnNoGradientWhenGivenNone() {
        INDArray nchw = Nd4j.rand(DataType.FLOAT, 2, 3, 2, 4);
        ChannelsLast entry = ChannelsLast.entry(2, 4, 3);
        INDArray nhwc = entry.preProcess(nchw, 2, NO_WORKSPACES);
        assertThat(nhwc).isEqualTo(nchw.permute(0, 2, 3, 1));
        assertThat(entry.backprop(nhwc, 2, NO_WORKSPACES)).isEqualTo(nchw);
        assertThat(entry.backprop(null, 2, NO_WORKSPACES)).isNull();
        assertThat(((org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional) entry.getOutputType(null))
                .getFormat()).isEqualTo(CNN2DFormat.NHWC);
        assertThatThrownBy(() -> entry.preProcess(Nd4j.rand(DataType.FLOAT, 2, 2, 4, 3), 2, NO_WORKSPACES))
                .hasMessageContaining("NCHW images of shape [2, 3, 2, 4]").hasMessageContaining("[2, 2, 4, 3]");
    }

    @Test
    void theZeroPadShortcutOverNhwcGivesTheNchwValuesLaidOutNhwc() {
        INDArray nchw = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 4);
        ZeroPadShortcut first = new ZeroPadShortcut(2, 3, 8, 5, 4);
        ZeroPadShortcut last = new ZeroPadShortcut(2, 3, 8, 5, 4, true);
        INDArray expected = first.preProcess(nchw, 2, NO_WORKSPACES);
        assertThat(expected.shape()).containsExactly(2, 8, 3, 2);
        assertThat(last.preProcess(nchw.permute(0, 2, 3, 1).dup('c'), 2, NO_WORKSPACES))
                .isEqualTo(expected.permute(0, 2, 3, 1));
        INDArray gradient = Nd4j.rand(DataType.FLOAT, 2, 8, 3, 2);
        assertThat(last.backprop(gradient.permute(0, 2, 3, 1).dup('c'), 2, NO_WORKSPACES))
                .isEqualTo(first.backprop(gradient, 2, NO_WORKSPACES).permute(0, 2, 3, 1));
        assertThat(((org.deeplearning4j.nn.conf.inputs.InputType.InputTypeConvolutional) last.getOutputType(null))
                .getFormat()).isEqualTo(CNN2DFormat.NHWC);
    }
}
