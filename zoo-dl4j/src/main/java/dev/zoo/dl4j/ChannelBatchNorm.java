package dev.zoo.dl4j;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm for DL4J's {@code BatchNormalization} layer, float32 and NCHW, as one loop per channel
 * over the activations' memory, optionally followed by ReLU in the same loops: the helper of NCHW
 * networks ({@link OneDnnBatchNorm} runs NHWC ones, and is slower over NCHW).
 *
 * <p>Why: DL4J 1.0.0-M2.1 reduces over the non-channel axes {0, 2, 3} of NCHW with libnd4j's
 * strided TAD reductions, and its native {@code batchnorm_bp} walks the tensor several times. On
 * ResNet-20 at batch 64 that was 158 of a 410 ms training step (docs/measurements.md), where
 * libtorch does both directions in 25 ms. Here a channel's values are {@code N} contiguous rows of
 * {@code H*W} floats, each copied into a Java array so that the loops compile to vector instructions:
 * the forward pass reads them once for mean and variance and once more to write the output; the
 * backward pass reads input and gradient once for both sums and once more to write the input
 * gradient. Channels are split among the native thread count
 * ({@link Nd4j#getEnvironment()}{@code .maxThreads()}).
 *
 * <p>The arithmetic is PyTorch's: the batch mean and biased variance normalise (sums in float within
 * a row, in double across rows), and the layer's running statistics come from {@link #getMeanCache}
 * and {@link #getVarCache} as DL4J expects (biased; {@link RunningStatistics} unbiases them).
 *
 * <p>With {@code relu}, the layer's output is {@code max(0, bn(x))}, and the backward pass masks
 * the incoming gradient by recomputing {@code bn(x) > 0}: the ReLU costs no pass of its own. Such a
 * helper must never decline, since DL4J's own code has no ReLU to fall back to; the compiler only
 * fuses at float32, and {@link #preOutput} throws rather than decline when fused.
 */
final class ChannelBatchNorm implements BatchNormalizationHelper {

    private final boolean relu;
    private final int threads;
    private INDArray meanCache;
    private INDArray varCache;
    /** Per channel, from the last training forward pass: mean, 1/std, and the affine map gamma * xhat + beta as scale, shift. */
    private float[] batchMean = new float[0];
    private float[] batchInvStd = new float[0];
    private float[] batchScale = new float[0];
    private float[] batchShift = new float[0];

    ChannelBatchNorm(boolean relu) {
        this.relu = relu;
        this.threads = nativeThreads();
    }

    /** The threads ND4J's native kernels use, which the Java loops of this package use too. */
    static int nativeThreads() {
        return Math.max(1, Math.min(Nd4j.getEnvironment().maxThreads(), Runtime.getRuntime().availableProcessors()));
    }

    boolean fusesRelu() {
        return relu;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    /** Whether these arrays are ones this helper computes (otherwise DL4J's own code runs). */
    private boolean handles(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format) {
        boolean ok = x.dataType() == DataType.FLOAT && x.rank() == 4 && format == CNN2DFormat.NCHW
                && gamma != null && beta != null && x.length() < Integer.MAX_VALUE;
        if (!ok && relu) {
            throw new IllegalStateException("dl4j: the batch norm fused with ReLU takes float32 NCHW activations,"
                    + " got " + x.dataType() + " of rank " + x.rank() + " (" + format + ")");
        }
        return ok;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (!handles(x, gamma, beta, format)) {
            return null;
        }
        Layout l = new Layout(x);
        FloatBuffer in = floats(contiguous(x));
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        FloatBuffer o = floats(out);
        float[] g = gamma.toFloatVector();
        float[] b = beta.toFloatVector();
        float[] scale = new float[l.channels];
        float[] shift = new float[l.channels];
        if (training) {
            float[] m = new float[l.channels];
            float[] v = new float[l.channels];
            float[] inv = new float[l.channels];
            Parallel.forEach(threads, l.channels, c -> {
                double[] moments = l.moments(in, c);
                double mu = moments[0];
                double var2 = moments[1];
                m[c] = (float) mu;
                v[c] = (float) var2;
                inv[c] = (float) (1.0 / Math.sqrt(var2 + eps));
                scale[c] = g[c] * inv[c];
                shift[c] = b[c] - m[c] * scale[c];
                l.affine(in, o, c, scale[c], shift[c], relu);
            });
            batchMean = m;
            batchInvStd = inv;
            batchScale = scale;
            batchShift = shift;
            cache(m, v);
        } else {
            float[] m = mean.toFloatVector();
            float[] v = var.toFloatVector();
            Parallel.forEach(threads, l.channels, c -> {
                float inv = (float) (1.0 / Math.sqrt(v[c] + eps));
                scale[c] = g[c] * inv;
                shift[c] = b[c] - m[c] * scale[c];
                l.affine(in, o, c, scale[c], shift[c], relu);
            });
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, gamma, beta, format)) {
            return null;
        }
        Layout l = new Layout(input);
        if (batchMean.length != l.channels) {
            throw new IllegalStateException("dl4j: batch norm backward pass without a training forward pass");
        }
        FloatBuffer x = floats(contiguous(input));
        FloatBuffer dy = floats(contiguous(epsilon));
        INDArray dxArray = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        FloatBuffer dx = floats(dxArray);
        float[] dGamma = new float[l.channels];
        float[] dBeta = new float[l.channels];
        float[] m = batchMean;
        float[] inv = batchInvStd;
        float[] scale = batchScale;
        float[] shift = batchShift;
        Parallel.forEach(threads, l.channels, c -> {
            double[] sums = l.gradientSums(x, dy, c, m[c], inv[c], scale[c], shift[c], relu);
            dBeta[c] = (float) sums[0];
            dGamma[c] = (float) sums[1];
            l.inputGradient(x, dy, dx, c, m[c], inv[c], scale[c], shift[c], relu,
                    (float) (sums[0] / l.count), (float) (sums[1] / l.count));
        });
        dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dxArray);
    }

    private void cache(float[] m, float[] v) {
        if (meanCache == null || meanCache.length() != m.length) {
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createUninitialized(DataType.FLOAT, m.length);
                varCache = Nd4j.createUninitialized(DataType.FLOAT, v.length);
            }
        }
        meanCache.assign(Nd4j.createFromArray(m));
        varCache.assign(Nd4j.createFromArray(v));
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    static INDArray contiguous(INDArray a) {
        return dense(a) ? a : a.dup('c');
    }

    /** Whether {@code a} lies in memory as a dense C-order block. */
    static boolean dense(INDArray a) {
        return Shape.hasDefaultStridesForShape(a) && a.ordering() == 'c';
    }

    /** The array's own elements, from its first, as a direct buffer over ND4J's native memory. */
    static FloatBuffer floats(INDArray a) {
        FloatBuffer all = a.data().asNioFloat();
        return all.position((int) a.offset()).slice();
    }

    /**
     * ReLU's derivative at {@code y}: 1 where {@code y > 0}, else 0, as arithmetic rather than a
     * branch (the sign of a batch-norm output is a coin toss no branch predictor can learn, and
     * {@code min}/{@code max} loops compile to vector instructions). The two factors lift the smallest
     * positive float, 2^-149, to 1; larger values overflow to infinity and are clamped to 1.
     */
    static float reluMask(float y) {
        return Math.min(Math.max(y, 0f) * 0x1p100f * 0x1p49f, 1f);
    }

    /** NCHW with {@code n} rows of {@code hw} values per channel; channel {@code c}'s row of image {@code i}. */
    private static final class Layout {
        final int images;
        final int channels;
        final int hw;
        final double count;

        Layout(INDArray x) {
            images = (int) x.size(0);
            channels = (int) x.size(1);
            hw = (int) (x.size(2) * x.size(3));
            count = (double) images * hw;
        }

        int row(int image, int c) {
            return (image * channels + c) * hw;
        }

        /**
         * {mean, biased variance} of channel c in one pass: sums of {@code x - k} and its square,
         * {@code k} being the channel's first value, so that the variance keeps its precision when the
         * mean is far from zero. Four independent sums of each per row let the processor overlap the adds.
         */
        double[] moments(FloatBuffer x, int c) {
            float[] r = new float[hw];
            float k = x.get(row(0, c));
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < images; i++) {
                x.get(row(i, c), r, 0, hw);
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                float q0 = 0;
                float q1 = 0;
                float q2 = 0;
                float q3 = 0;
                int j = 0;
                for (; j + 3 < hw; j += 4) {
                    float d0 = r[j] - k;
                    float d1 = r[j + 1] - k;
                    float d2 = r[j + 2] - k;
                    float d3 = r[j + 3] - k;
                    s0 += d0;
                    s1 += d1;
                    s2 += d2;
                    s3 += d3;
                    q0 += d0 * d0;
                    q1 += d1 * d1;
                    q2 += d2 * d2;
                    q3 += d3 * d3;
                }
                for (; j < hw; j++) {
                    float d = r[j] - k;
                    s0 += d;
                    q0 += d * d;
                }
                sum += (s0 + s1) + (s2 + s3);
                squares += (q0 + q1) + (q2 + q3);
            }
            double shifted = sum / count;
            return new double[] {k + shifted, Math.max(0, squares / count - shifted * shifted)};
        }

        void affine(FloatBuffer x, FloatBuffer out, int c, float scale, float shift, boolean relu) {
            float[] r = new float[hw];
            for (int i = 0; i < images; i++) {
                int at = row(i, c);
                x.get(at, r, 0, hw);
                if (relu) {
                    for (int j = 0; j < hw; j++) {
                        r[j] = Math.max(r[j] * scale + shift, 0f);
                    }
                } else {
                    for (int j = 0; j < hw; j++) {
                        r[j] = r[j] * scale + shift;
                    }
                }
                out.put(at, r, 0, hw);
            }
        }

        /** {sum of dL/dy, sum of dL/dy * xhat} over channel c (dL/dy masked by the fused ReLU). */
        double[] gradientSums(FloatBuffer x, FloatBuffer dy, int c, float mean, float inv, float scale, float shift,
                boolean relu) {
            float[] r = new float[hw];
            float[] g = new float[hw];
            double sumDy = 0;
            double sumDyCentred = 0;
            for (int i = 0; i < images; i++) {
                int at = row(i, c);
                x.get(at, r, 0, hw);
                dy.get(at, g, 0, hw);
                if (relu) {
                    for (int j = 0; j < hw; j++) {
                        g[j] *= reluMask(r[j] * scale + shift);
                    }
                }
                float a0 = 0;
                float a1 = 0;
                float a2 = 0;
                float a3 = 0;
                float b0 = 0;
                float b1 = 0;
                float b2 = 0;
                float b3 = 0;
                int j = 0;
                for (; j + 3 < hw; j += 4) {
                    a0 += g[j];
                    a1 += g[j + 1];
                    a2 += g[j + 2];
                    a3 += g[j + 3];
                    b0 += g[j] * (r[j] - mean);
                    b1 += g[j + 1] * (r[j + 1] - mean);
                    b2 += g[j + 2] * (r[j + 2] - mean);
                    b3 += g[j + 3] * (r[j + 3] - mean);
                }
                for (; j < hw; j++) {
                    a0 += g[j];
                    b0 += g[j] * (r[j] - mean);
                }
                sumDy += (a0 + a1) + (a2 + a3);
                sumDyCentred += (b0 + b1) + (b2 + b3);
            }
            return new double[] {sumDy, sumDyCentred * inv};
        }

        /** dL/dx = gamma * inv * (dy - mean(dy) - xhat * mean(dy * xhat)), gamma * inv being {@code scale}. */
        void inputGradient(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, int c, float mean, float inv, float scale,
                float shift, boolean relu, float meanDy, float meanDyXhat) {
            float[] r = new float[hw];
            float[] g = new float[hw];
            float perCentred = inv * meanDyXhat;
            for (int i = 0; i < images; i++) {
                int at = row(i, c);
                x.get(at, r, 0, hw);
                dy.get(at, g, 0, hw);
                if (relu) {
                    for (int j = 0; j < hw; j++) {
                        g[j] = scale * (g[j] * reluMask(r[j] * scale + shift) - meanDy - (r[j] - mean) * perCentred);
                    }
                } else {
                    for (int j = 0; j < hw; j++) {
                        g[j] = scale * (g[j] - meanDy - (r[j] - mean) * perCentred);
                    }
                }
                dx.put(at, g, 0, hw);
            }
        }
    }
}
