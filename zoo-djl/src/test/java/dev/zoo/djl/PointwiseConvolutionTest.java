package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PointwiseConvolution} on libtorch against the 1x1 convolution written out in Java: the
 * output, and the gradients of weight, bias and input of {@code sum(y * r)}, on NCHW and on
 * channels-last images.
 */
class PointwiseConvolutionTest {

    @ParameterizedTest(name = "{0} -> {1} channels, stride {2}, bias {3}, channels-last {4}")
    @CsvSource({"5, 3, 1, true, true", "5, 3, 2, false, true", "16, 32, 2, false, true", "4, 6, 1, true, false",
        "3, 20, 2, true, false"})
    void isTheConvolutionWrittenOut(int c, int oc, int stride, boolean bias, boolean channelsLast) {
        int n = 2;
        int h = 5;
        int w = 4;
        int oh = (h - 1) / stride + 1;
        int ow = (w - 1) / stride + 1;
        Random random = new Random(c * 31L + oc);
        float[] x = floats(random, n * c * h * w);
        float[] weight = floats(random, oc * c);
        float[] b = floats(random, oc);
        float[] r = floats(random, n * oc * oh * ow);
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            Conv2d conv = Conv2d.builder().setFilters(oc).setKernelShape(new Shape(1, 1))
                    .optStride(new Shape(stride, stride)).optBias(bias).build();
            Block block = PointwiseConvolution.of(conv, 1, stride, 0, oc);
            assertThat(block).isInstanceOf(PointwiseConvolution.class);
            block.initialize(manager, DataType.FLOAT32, new Shape(n, c, h, w));
            conv.getParameters().get("weight").getArray().set(weight);
            if (bias) {
                conv.getParameters().get("bias").getArray().set(b);
            }
            NDArray input = channelsLast ? ChannelsLast.array(manager, x, n, c, h, w)
                    : manager.create(x, new Shape(n, c, h, w));
            input.setRequiresGradient(true);
            float[] out;
            float[] dWeight;
            float[] dInput;
            float[] dBias;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(manager, false), new NDList(input), true).singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(new Shape(n, oc, oh, ow));
                out = y.toFloatArray();
                collector.backward(y.mul(manager.create(r, new Shape(n, oc, oh, ow))).sum());
                dWeight = conv.getParameters().get("weight").getArray().getGradient().toFloatArray();
                dBias = bias ? conv.getParameters().get("bias").getArray().getGradient().toFloatArray() : null;
                dInput = input.getGradient().toFloatArray();
            }
            float[] expectedDInput = new float[x.length];
            float[] expectedDWeight = new float[weight.length];
            float[] expectedDBias = new float[oc];
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < oc; o++) {
                    for (int y = 0; y < oh; y++) {
                        for (int z = 0; z < ow; z++) {
                            int at = ((i * oc + o) * oh + y) * ow + z;
                            double sum = bias ? b[o] : 0;
                            for (int k = 0; k < c; k++) {
                                int from = ((i * c + k) * h + y * stride) * w + z * stride;
                                sum += (double) weight[o * c + k] * x[from];
                                expectedDWeight[o * c + k] += r[at] * x[from];
                                expectedDInput[from] += r[at] * weight[o * c + k];
                            }
                            expectedDBias[o] += r[at];
                            assertThat(out[at]).as("output %d", at).isCloseTo((float) sum, Offset.offset(1e-4f));
                        }
                    }
                }
            }
            assertClose("weight gradient", dWeight, expectedDWeight);
            assertClose("input gradient", dInput, expectedDInput);
            if (bias) {
                assertClose("bias gradient", dBias, expectedDBias);
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

    private static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s %d", what, i).isCloseTo(expected[i], Offset.offset(1e-4f));
        }
    }
}
