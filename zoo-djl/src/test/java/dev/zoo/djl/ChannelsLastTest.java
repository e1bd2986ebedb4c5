package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.TensorLayout;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Channels-last images on libtorch: the batch enters in NHWC memory under its NCHW shape, and the
 * network computes what it computes in NCHW (predictions, loss and weights after training, to float
 * rounding); float64 and {@code -Dzoo.djl.channelsLast=false} stay NCHW.
 */
class ChannelsLastTest {

    private String before;

    @BeforeEach
    void clearProperty() {
        before = System.getProperty(ChannelsLast.PROPERTY);
        System.clearProperty(ChannelsLast.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(ChannelsLast.PROPERTY);
        } else {
            System.setProperty(ChannelsLast.PROPERTY, before);
        }
    }

    @Test
    void valuesAreRewrittenInNhwcOrder() {
        // two images of 2 channels x 1 x 3: NCHW [c0: 0 1 2, c1: 3 4 5], [c0: 6 7 8, c1: 9 10 11]
        float[] nchw = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        assertThat(ChannelsLast.fromNchw(nchw, 2, 2, 1, 3)).containsExactly(0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11);
        assertThatThrownBy(() -> ChannelsLast.fromNchw(nchw, 3, 2, 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 values are not 3 images of 2x1x3");
    }

    @Test
    void stagingWritesEachBatchIntoItsOneBuffer() {
        ChannelsLast.Staging staging = new ChannelsLast.Staging();
        try (NDManager manager = ai.djl.engine.Engine.getEngine("PyTorch").newBaseManager()) {
            float[] first = new float[3 * 2 * 4 * 5];
            for (int i = 0; i < first.length; i++) {
                first[i] = i;
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray x = staging.array(step, first, 3, 2, 4, 5);
                assertThat(x.getShape().getShape()).containsExactly(3, 2, 4, 5);
                assertThat(TensorLayout.contiguous((PtNDArray) x)).as("NHWC memory").isFalse();
                assertThat(x.toFloatArray()).containsExactly(first);
            }
            float[] second = {9, 8, 7, 6, 5, 4, 3, 2}; // a smaller batch after it: 2 images of 2 x 1 x 2
            try (NDManager step = manager.newSubManager()) {
                assertThat(staging.array(step, second, 2, 2, 1, 2).toFloatArray()).containsExactly(second);
                assertThatThrownBy(() -> staging.array(step, second, 3, 2, 1, 2))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("8 values are not 3 images of 2x1x2");
            }
        }
    }

    @Test
    void appliesToFloat32ImagesOnLibtorchOnly() {
        assertThat(ChannelsLast.applies("PyTorch", ai.djl.ndarray.types.DataType.FLOAT32, Shape.chw(3, 8, 8))).isTrue();
        assertThat(ChannelsLast.applies("PyTorch", ai.djl.ndarray.types.DataType.FLOAT64, Shape.chw(3, 8, 8))).isFalse();
        assertThat(ChannelsLast.applies("MXNet", ai.djl.ndarray.types.DataType.FLOAT32, Shape.chw(3, 8, 8))).isFalse();
        System.setProperty(ChannelsLast.PROPERTY, "false");
        assertThat(ChannelsLast.applies("PyTorch", ai.djl.ndarray.types.DataType.FLOAT32, Shape.chw(3, 8, 8))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT32", "FLOAT64"})
    void theBatchEntersInTheLayoutChosen(Precision precision) {
        Architecture a = ModelZoo.build("resnet20", Shape.chw(3, 16, 16), 10);
        Batch batch = batch(a, 4);
        for (String property : new String[] {"true", "false"}) {
            System.setProperty(ChannelsLast.PROPERTY, property);
            try (Network network = new DjlPyTorchBackend().compile(a, NetworkOptions.defaults().withPrecision(precision));
                    NDManager step = ((DjlNetwork) network).manager().newSubManager()) {
                NDArray x = ((DjlNetwork) network).images(step, batch);
                boolean channelsLast = property.equals("true") && precision == Precision.FLOAT32;
                assertThat(TensorLayout.contiguous((PtNDArray) x)).as("NCHW memory, %s, %s", property, precision)
                        .isEqualTo(!channelsLast);
                assertThat(x.getShape().getShape()).containsExactly(4, 3, 16, 16);
                assertThat(x.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray())
                        .containsExactly(batch.images());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"true, sgd", "true, adam", "false, sgd"})
    void convolutionWeightsAndTheirOptimizerSlotsStayChannelsLast(String property, String rule) {
        System.setProperty(ChannelsLast.PROPERTY, property);
        boolean channelsLast = property.equals("true");
        Architecture a = ModelZoo.build("resnet20", Shape.chw(3, 16, 16), 10);
        Batch batch = batch(a, 4);
        Optimizer optimizer = rule.equals("adam") ? new Optimizer.Adam(0.9, 0.999, 1e-8, 5e-4)
                : new Optimizer.Sgd(0.9, true, 5e-4);
        try (Network network = new DjlPyTorchBackend().compile(a, NetworkOptions.defaults().withOptimizer(optimizer))) {
            DjlNetwork djl = (DjlNetwork) network;
            assertLayouts(djl, channelsLast, "compiled");
            Weights weights = network.exportWeights();
            network.trainStep(batch, 0.05);
            assertLayouts(djl, channelsLast, "after a step");
            Weights trained = network.exportWeights();
            Weights state = network.exportOptimizerState();
            network.importWeights(weights);
            assertThat(network.exportWeights()).as("weights read back as written").isEqualTo(weights);
            network.importWeights(trained);
            network.importOptimizerState(state);
            assertLayouts(djl, channelsLast, "after importing weights and optimizer state");
            assertThat(network.exportWeights()).isEqualTo(trained);
            assertThat(network.exportOptimizerState()).isEqualTo(state);
            assertThat(network.trainStep(batch, 0.05)).as("a step after the imports").isFinite();
        }
    }

    /**
     * Every convolution weight and its optimizer slots channels-last, every other parameter in
     * row-major order (ResNet-20's kernels are 3x3 with 3 or more input channels, whose two layouts
     * differ), and libtorch computing a gradient for every trainable one.
     */
    private static void assertLayouts(DjlNetwork network, boolean channelsLast, String when) {
        int convolutions = 0;
        for (var p : network.architecture().parameters()) {
            boolean nhwc = channelsLast && p.shape().size() == 4;
            convolutions += nhwc ? 1 : 0;
            PtNDArray array = (PtNDArray) network.parameters().get(p.name()).getArray();
            assertThat(TensorLayout.contiguous(array)).as("%s %s row-major", when, p.name()).isEqualTo(!nhwc);
            assertThat(TensorLayout.requiresGradient(array)).as("%s %s has a gradient", when, p.name())
                    .isEqualTo(p.trainable());
            for (NDArray slot : network.optimizerSlots().getOrDefault(p.name(), java.util.List.of())) {
                assertThat(TensorLayout.contiguous((PtNDArray) slot)).as("%s %s's buffer row-major", when, p.name())
                        .isEqualTo(!nhwc);
            }
        }
        assertThat(convolutions).as("ResNet-20's convolutions: the stem and two in each of 9 blocks")
                .isEqualTo(channelsLast ? 19 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "lesson_cnn", "vgg11"})
    void predictionsAndTrainingMatchNchw(String model) {
        Architecture a = ModelZoo.build(model, Shape.chw(3, 32, 32), 10);
        Batch batch = batch(a, 8);
        Result channelsLast = run(a, batch, "true");
        Result nchw = run(a, batch, "false");
        assertClose(channelsLast.predictions, nchw.predictions, "predictions", 1e-6f);
        assertThat(channelsLast.loss).isCloseTo(nchw.loss, within(1e-4 * Math.abs(nchw.loss)));
        for (String name : nchw.weights.names()) {
            // a batch-norm bias's gradient sums values that nearly cancel: absolute, as for a value near 0
            assertClose(channelsLast.weights.get(name).data(), nchw.weights.get(name).data(), name, 1e-5f);
        }
    }

    private record Result(float[] predictions, double loss, Weights weights) {
    }

    private static Result run(Architecture a, Batch batch, String property) {
        System.setProperty(ChannelsLast.PROPERTY, property);
        try (Network network = new DjlPyTorchBackend().compile(a,
                NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 5e-4)))) {
            float[] predictions = network.predict(batch);
            network.trainStep(batch, 0.05);
            double loss = network.trainStep(batch, 0.05);
            return new Result(predictions, loss, network.exportWeights());
        }
    }

    private static Batch batch(Architecture a, int n) {
        Random random = new Random(7);
        float[] images = new float[n * a.input().channels() * a.input().height() * a.input().width()];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(a.classes());
        }
        return new Batch(images, labels, n, a.input());
    }

    /** Within {@code absolute} plus 1e-4 of the largest expected magnitude. */
    private static void assertClose(float[] actual, float[] expected, String what, float absolute) {
        assertThat(actual).hasSameSizeAs(expected);
        float scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s [%d]", what, i).isCloseTo(expected[i], within(absolute + 1e-4f * scale));
        }
    }
}
