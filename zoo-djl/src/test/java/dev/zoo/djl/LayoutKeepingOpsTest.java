package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.TensorLayout;
import ai.djl.training.GradientCollector;
import dev.zoo.api.spec.Shortcut;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The option-A shortcut of a ResNet on libtorch, subsampled by pooling so that its gradient keeps a
 * channels-last input's layout, against its definition written out in Java ({@code x[:, :, ::s, ::s]}
 * then zero channels): its values, the gradient of {@code sum(y * r)}, and its output in the input's
 * layout. (The layout
 * of the gradient itself does not show through DJL: libtorch gives a leaf's gradient the leaf's
 * layout whatever arrives; its effect on the ReLU backward is measured in docs/measurements.md.)
 */
class LayoutKeepingOpsTest {

    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 5;
    private static final int W = 6;

    @ParameterizedTest(name = "stride {0}, {1} channels out, channels-last {2}")
    @CsvSource({"2, 5, true", "2, 5, false", "2, 3, true", "1, 4, true", "3, 6, true"})
    void zeroPadShortcutSubsamplesAndAppendsZeroChannels(int stride, int outChannels, boolean channelsLast) {
        int oh = (H - 1) / stride + 1;
        int ow = (W - 1) / stride + 1;
        Random random = new Random(stride * 10L + outChannels);
        float[] x = floats(random, N * C * H * W);
        float[] r = floats(random, N * outChannels * oh * ow);
        Result result = run(x, channelsLast, r, new Shape(N, outChannels, oh, ow),
                in -> ZeroPadShortcutOp.apply(in, new Shortcut.ZeroPad(stride, outChannels)));
        float[] expectedGradient = new float[x.length];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < outChannels; c++) {
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        int at = ((i * outChannels + c) * oh + y) * ow + z;
                        int from = ((i * C + c) * H + y * stride) * W + z * stride;
                        assertThat(result.output[at]).as("output %d", at).isEqualTo(c < C ? x[from] : 0f);
                        if (c < C) {
                            expectedGradient[from] = r[at];
                        }
                    }
                }
            }
        }
        assertThat(result.gradient).as("input gradient").containsExactly(expectedGradient);
        assertThat(result.outputChannelsLast).as("output channels-last").isEqualTo(channelsLast);
    }

    private record Result(float[] output, float[] gradient, boolean outputChannelsLast) {
    }

    /** {@code op} on {@code x} (N x C x H x W in NCHW order), and the gradient of {@code sum(op(x) * r)}. */
    private static Result run(float[] x, boolean channelsLast, float[] r, Shape outShape, UnaryOperator<NDArray> op) {
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray input = channelsLast ? ChannelsLast.array(manager, x, N, C, H, W)
                    : manager.create(x, new Shape(N, C, H, W));
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = op.apply(input);
                assertThat(y.getShape()).isEqualTo(outShape);
                float[] out = y.toFloatArray();
                // NHWC memory under the NCHW shape is row-major once the channels are moved last
                boolean nhwc = y.getShape().dimension() == 4 && TensorLayout.contiguous((PtNDArray) y.transpose(0, 2, 3, 1))
                        && !TensorLayout.contiguous((PtNDArray) y);
                collector.backward(y.mul(manager.create(r, outShape)).sum());
                return new Result(out, input.getGradient().toFloatArray(), nhwc);
            }
        }
    }

    private static float[] floats(Random random, int count) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
