package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link ChannelBatchNorm} and {@link OneDnnBatchNorm} against batch norm written out in double precision the textbook way
 * (x-hat, then the chain rule through variance and mean), with and without the fused ReLU.
 */
class ChannelBatchNormTest {

    private static final double EPS = 1e-5;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    /** Reference batch norm over an NCHW array held as double[n][c][hw]. */
    private record Reference(double[][][] out, double[] mean, double[] var, double[][][] dx, double[] dGamma,
            double[] dBeta) {

        static Reference of(double[][][] x, double[][][] dOut, double[] gamma, double[] beta, boolean relu) {
            int n = x.length;
            int c = x[0].length;
            int hw = x[0][0].length;
            double m = (double) n * hw;
            double[] mean = new double[c];
            double[] var = new double[c];
            double[][][] out = new double[n][c][hw];
            double[][][] dx = new double[n][c][hw];
            double[] dGamma = new double[c];
            double[] dBeta = new double[c];
            for (int k = 0; k < c; k++) {
                for (double[][] image : x) {
                    for (double v : image[k]) {
                        mean[k] += v / m;
                    }
                }
                for (double[][] image : x) {
                    for (double v : image[k]) {
                        var[k] += (v - mean[k]) * (v - mean[k]) / m;
                    }
                }
                double std = Math.sqrt(var[k] + EPS);
                double[][] xhat = new double[n][hw];
                double[][] dy = new double[n][hw];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < hw; j++) {
                        xhat[i][j] = (x[i][k][j] - mean[k]) / std;
                        double y = gamma[k] * xhat[i][j] + beta[k];
                        out[i][k][j] = relu ? Math.max(0, y) : y;
                        dy[i][j] = relu && y <= 0 ? 0 : dOut[i][k][j];
                    }
                }
                double dVar = 0;
                double dMean = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < hw; j++) {
                        dBeta[k] += dy[i][j];
                        dGamma[k] += dy[i][j] * xhat[i][j];
                        double dXhat = dy[i][j] * gamma[k];
                        dVar += dXhat * (x[i][k][j] - mean[k]) * -0.5 * Math.pow(var[k] + EPS, -1.5);
                        dMean += -dXhat / std;
                    }
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < hw; j++) {
                        dx[i][k][j] = dy[i][j] * gamma[k] / std + dVar * 2 * (x[i][k][j] - mean[k]) / m + dMean / m;
                    }
                }
            }
            return new Reference(out, mean, var, dx, dGamma, dBeta);
        }
    }

    private static double[][][] random(Random random, int n, int c, int hw, double scale, double shift) {
        double[][][] a = new double[n][c][hw];
        for (double[][] image : a) {
            for (double[] row : image) {
                for (int j = 0; j < hw; j++) {
                    row[j] = shift + scale * random.nextGaussian();
                }
            }
        }
        return a;
    }

    private static INDArray nchw(double[][][] a, int h, int w) {
        int n = a.length;
        int c = a[0].length;
        float[] flat = new float[n * c * h * w];
        int at = 0;
        for (double[][] image : a) {
            for (double[] row : image) {
                for (double v : row) {
                    flat[at++] = (float) v;
                }
            }
        }
        return Nd4j.createFromArray(flat).reshape(n, c, h, w);
    }

    private static void assertNear(String what, INDArray actual, double[][][] expected) {
        float[] got = actual.dup('c').data().asFloat();
        int at = 0;
        for (double[][] image : expected) {
            for (double[] row : image) {
                for (double v : row) {
                    assertThat((double) got[at]).as("%s element %d", what, at).isCloseTo(v,
                            org.assertj.core.data.Offset.offset(2e-5 + 2e-4 * Math.abs(v)));
                    at++;
                }
            }
        }
    }

    private static void assertNear(String what, INDArray actual, double[] expected) {
        float[] got = actual.dup('c').data().asFloat();
        assertThat(got).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) got[i]).as("%s[%d]", what, i).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(1e-4 + 2e-4 * Math.abs(expected[i])));
        }
    }

    /** A batch-norm helper as the layers get it: ChannelBatchNorm (NCHW only) or OneDnnBatchNorm. */
    static BatchNormalizationHelper helper(String kind, boolean relu) {
        return switch (kind) {
            case "channel" -> new ChannelBatchNorm(relu);
            case "onednn3" -> new OneDnnBatchNorm("bn", relu, new OneDnn.Arena());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** {@code nchw} in {@code format}'s memory order. */
    private static INDArray layout(INDArray nchw, CNN2DFormat format) {
        return format == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw;
    }

    /** An array in {@code format} seen as NCHW. */
    private static INDArray asNchw(INDArray a, CNN2DFormat format) {
        return format == CNN2DFormat.NHWC ? a.permute(0, 3, 1, 2) : a;
    }

    @ParameterizedTest(name = "{5} {6}: {0}x{1}x{2}x{3}, relu {4}")
    @CsvSource({"4, 3, 5, 6, false, channel, NCHW", "4, 3, 5, 6, true, channel, NCHW", "2, 5, 1, 1, true, channel, NCHW",
        "3, 1, 7, 9, false, channel, NCHW", "16, 8, 4, 4, true, channel, NCHW",
        "4, 3, 5, 6, false, onednn3, NCHW", "4, 3, 5, 6, true, onednn3, NCHW", "2, 5, 1, 1, true, onednn3, NCHW",
        "3, 1, 7, 9, false, onednn3, NCHW", "16, 8, 4, 4, true, onednn3, NCHW", "16, 24, 8, 8, true, onednn3, NCHW",
        "4, 3, 5, 6, false, onednn3, NHWC", "4, 3, 5, 6, true, onednn3, NHWC", "2, 5, 1, 1, true, onednn3, NHWC",
        "3, 1, 7, 9, false, onednn3, NHWC", "16, 24, 8, 8, true, onednn3, NHWC"})
    void trainingForwardAndBackwardMatchTheTextbook(int n, int c, int h, int w, boolean relu, String kind,
            CNN2DFormat format) {
        Random random = new Random(n * 31 + c);
        double[][][] x = random(random, n, c, h * w, 2.0, 3.0); // a mean far from zero
        double[][][] dOut = random(random, n, c, h * w, 1.0, 0.0);
        double[] gamma = random.doubles(c, 0.5, 1.5).toArray();
        double[] beta = random.doubles(c, -0.5, 0.5).toArray();
        Reference expected = Reference.of(x, dOut, gamma, beta, relu);

        BatchNormalizationHelper bn = helper(kind, relu);
        INDArray g = Nd4j.createFromArray(gamma).castTo(DataType.FLOAT).reshape(1, c);
        INDArray b = Nd4j.createFromArray(beta).castTo(DataType.FLOAT).reshape(1, c);
        INDArray input = layout(nchw(x, h, w), format);
        INDArray out = bn.preOutput(input, true, new long[] {1, c}, g, b, null, null, 0, EPS, format,
                NO_WORKSPACES);
        assertNear("output", asNchw(out, format), expected.out());
        assertNear("batch mean", bn.getMeanCache(DataType.FLOAT), expected.mean());
        assertNear("batch variance (biased)", bn.getVarCache(DataType.FLOAT), expected.var());

        INDArray dGamma = Nd4j.zeros(DataType.FLOAT, 1, c);
        INDArray dBeta = Nd4j.zeros(DataType.FLOAT, 1, c);
        Pair<Gradient, INDArray> back = bn.backpropGradient(input, layout(nchw(dOut, h, w), format),
                new long[] {1, c}, g, b, dGamma, dBeta, EPS, format, NO_WORKSPACES);
        assertNear("dL/dx", asNchw(back.getSecond(), format), expected.dx());
        assertNear("dL/dgamma", dGamma, expected.dGamma());
        assertNear("dL/dbeta", dBeta, expected.dBeta());
        assertThat(back.getFirst().getGradientFor(BatchNormalizationParamInitializer.GAMMA)).isSameAs(dGamma);
        assertThat(back.getFirst().getGradientFor(BatchNormalizationParamInitializer.BETA)).isSameAs(dBeta);
    }

    @Test
    void aViewThatIsNotContiguousGivesWhatItsCopyGives() {
        Random random = new Random(3);
        INDArray nhwc = nchw(random(random, 4, 5, 6, 1, 0), 2, 3).permute(0, 2, 3, 1).dup('c');
        INDArray view = nhwc.permute(0, 3, 1, 2); // NCHW shape over NHWC memory
        INDArray copy = view.dup('c');
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, 5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1, 5);
        INDArray dy = Nd4j.rand(DataType.FLOAT, 4, 5, 2, 3);
        INDArray[] results = new INDArray[4];
        int i = 0;
        for (INDArray in : new INDArray[] {view, copy}) {
            ChannelBatchNorm bn = new ChannelBatchNorm(true);
            results[i++] = bn.preOutput(in, true, new long[] {1, 5}, g, b, null, null, 0, EPS, CNN2DFormat.NCHW,
                    NO_WORKSPACES);
            results[i++] = bn.backpropGradient(in, dy, new long[] {1, 5}, g, b, Nd4j.zeros(DataType.FLOAT, 1, 5),
                    Nd4j.zeros(DataType.FLOAT, 1, 5), EPS, CNN2DFormat.NCHW, NO_WORKSPACES).getSecond();
        }
        assertThat(results[0].equalsWithEps(results[2], 1e-6)).as("output").isTrue();
        assertThat(results[1].equalsWithEps(results[3], 1e-6)).as("input gradient").isTrue();
    }

    @Test
    void aSliceOfALargerArrayIsReadFromItsOwnOffset() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 5, 3, 2, 2);
        INDArray slice = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertThat(slice.offset()).isPositive();
        INDArray g = Nd4j.ones(DataType.FLOAT, 1, 3);
        INDArray b = Nd4j.zeros(DataType.FLOAT, 1, 3);
        INDArray fromSlice = new ChannelBatchNorm(false).preOutput(slice, true, new long[] {1, 3}, g, b, null, null,
                0, EPS, CNN2DFormat.NCHW, NO_WORKSPACES);
        INDArray fromCopy = new ChannelBatchNorm(false).preOutput(slice.dup('c'), true, new long[] {1, 3}, g, b, null,
                null, 0, EPS, CNN2DFormat.NCHW, NO_WORKSPACES);
        assertThat(fromSlice).isEqualTo(fromCopy);
    }

    @ParameterizedTest(name = "{1}, relu {0}")
    @CsvSource({"false, channel", "true, channel", "false, onednn3", "true, onednn3"})
    void inferenceUsesTheRunningStatistics(boolean relu, String kind) {
        INDArray x = Nd4j.createFromArray(new float[] {-1, 0, 10, 20, 1, 2, 30, 40}).reshape(2, 2, 1, 2);
        INDArray g = Nd4j.createFromArray(new float[] {2, 1}).reshape(1, 2);
        INDArray b = Nd4j.createFromArray(new float[] {1, -1}).reshape(1, 2);
        INDArray mean = Nd4j.createFromArray(new float[] {1, 20}).reshape(1, 2);
        INDArray var = Nd4j.createFromArray(new float[] {4, 100}).reshape(1, 2);
        INDArray out = helper(kind, relu).preOutput(x, false, new long[] {1, 2}, g, b, mean, var, 0, 0,
                CNN2DFormat.NCHW, NO_WORKSPACES);
        // channel 0: 2 * (x - 1) / 2 + 1 = x; channel 1: (x - 20) / 10 - 1
        float[] expected = {-1, 0, -2, -1, 1, 2, 0, 1};
        if (relu) {
            for (int i = 0; i < expected.length; i++) {
                expected[i] = Math.max(0, expected[i]);
            }
        }
        assertThat(out.data().asFloat()).containsExactly(expected);
    }

    @Test
    void reluMaskIsOneExactlyWhereTheOutputIsPositive() {
        for (float y : new float[] {Float.MIN_VALUE, 1e-45f, 1e-38f, 1e-30f, 0.5f, 7f, 3e38f, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY}) {
            assertThat(ChannelBatchNorm.reluMask(y)).as("mask at %s", y).isEqualTo(1f);
        }
        for (float y : new float[] {0f, -0f, -Float.MIN_VALUE, -1e-30f, -7f, Float.NEGATIVE_INFINITY}) {
            assertThat(ChannelBatchNorm.reluMask(y)).as("mask at %s", y).isEqualTo(0f);
        }
    }

    @Test
    void float64IsLeftToDl4jUnlessTheReluIsFused() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2);
        INDArray g = Nd4j.ones(DataType.DOUBLE, 1, 3);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        assertThat(new ChannelBatchNorm(false).preOutput(x, true, new long[] {1, 3}, g, b, null, null, 0, EPS,
                CNN2DFormat.NCHW, NO_WORKSPACES)).isNull();
        assertThatThrownBy(() -> new ChannelBatchNorm(true).preOutput(x, true, new long[] {1, 3}, g, b, null, null,
                0, EPS, CNN2DFormat.NCHW, NO_WORKSPACES))
                .hasMessageContaining("float32 NCHW").hasMessageContaining("DOUBLE");
    }

    @Test
    void oneDnnLeavesFloat64ToDl4jUnlessTheReluIsFused() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 2, 2);
        INDArray g = Nd4j.ones(DataType.DOUBLE, 1, 3);
        INDArray b = Nd4j.zeros(DataType.DOUBLE, 1, 3);
        assertThat(helper("onednn3", false).preOutput(x, true, new long[] {1, 3}, g, b, null, null, 0, EPS,
                CNN2DFormat.NCHW, NO_WORKSPACES)).isNull();
        assertThatThrownBy(() -> helper("onednn3", true).preOutput(x, true, new long[] {1, 3}, g, b, null, null,
                0, EPS, CNN2DFormat.NCHW, NO_WORKSPACES))
                .hasMessageContaining("bn").hasMessageContaining("float32").hasMessageContaining("DOUBLE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel", "onednn3"})
    void aBackwardPassWithoutATrainingForwardPassIsRefused(String kind) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 2, 2);
        assertThatThrownBy(() -> helper(kind, false).backpropGradient(x, x, new long[] {1, 3},
                Nd4j.ones(DataType.FLOAT, 1, 3), Nd4j.zeros(DataType.FLOAT, 1, 3), Nd4j.zeros(DataType.FLOAT, 1, 3),
                Nd4j.zeros(DataType.FLOAT, 1, 3), EPS, CNN2DFormat.NCHW, NO_WORKSPACES))
                .hasMessageContaining("without a training forward pass");
    }
}

