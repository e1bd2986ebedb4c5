package dev.zoo.tensorflow;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.LayerVisitor;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Compiles a spec tree into {@link Block}s of TensorFlow ops, NHWC inside. Every op used has a
 * float64 CPU kernel and a registered gradient: padding is a {@code Pad} before a VALID convolution
 * or pooling (explicit padding has no gradient; {@code Pad} with zeros before an average pool gives
 * PyTorch's {@code count_include_pad}), float64 batch norm is built from mean and variance ops (the
 * fused kernel, which float32 networks use, has no float64 version) and local response normalisation is a sum over a channel band written as a
 * matrix product (TensorFlow's LRN is float32 only and does not divide alpha by the window size as
 * PyTorch does). The compiler holds no cursor: each block is a function of its input.
 */
final class TfCompiler<T extends TNumber> implements LayerVisitor<Block<T>> {

    private final Architecture architecture;
    private final Layout layout;
    private final GraphArithmetic<T> ops;
    private final Ops tf;
    private final ParameterVariables<T> variables;

    TfCompiler(Architecture architecture, Layout layout, GraphArithmetic<T> ops, ParameterVariables<T> variables) {
        this.architecture = architecture;
        this.layout = layout;
        this.ops = ops;
        this.tf = ops.tf();
        this.variables = variables;
    }

    /** The whole network: the root's children have bare paths. */
    Block<T> compile() {
        return sequence(architecture.network().layers(), "");
    }

    private Block<T> sequence(List<Layer> layers, String parentPath) {
        List<Block<T>> blocks = new ArrayList<>();
        for (Layer child : layers) {
            blocks.add(child.accept(this, Layer.childPath(parentPath, child)));
        }
        return (x, context) -> {
            Operand<T> y = x;
            for (Block<T> b : blocks) {
                y = b.forward(y, context);
            }
            return y;
        };
    }

    private Shape inputOf(String path) {
        return architecture.node(path).input();
    }

    private Operand<TInt32> ints(int... values) {
        return tf.constant(values);
    }

    /** Symmetric zero (or {@code value}) padding of height and width of an NHWC map. */
    private Operand<T> padSpatial(Operand<T> x, int padding, double value) {
        if (padding == 0) {
            return x;
        }
        return tf.pad(x, tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}),
                ops.constant(value));
    }

    @Override
    public Block<T> visitConv2d(Conv2d layer, String path) {
        Operand<T> kernel = variables.get(path, "weight");
        Operand<T> bias = layer.bias() ? variables.get(path, "bias") : null;
        List<Long> strides = List.of(1L, (long) layer.stride(), (long) layer.stride(), 1L);
        // a stride-1 convolution padded by (k - 1) / 2 on each side is exactly TensorFlow's SAME,
        // which saves a copy of the input forward and a slice of its gradient backward
        boolean same = layer.stride() == 1 && 2 * layer.padding() == layer.kernel() - 1;
        return (x, context) -> {
            Operand<T> y = same ? tf.nn.conv2d(x, kernel, strides, "SAME")
                    : tf.nn.conv2d(padSpatial(x, layer.padding(), 0), kernel, strides, "VALID");
            return bias == null ? y : tf.nn.biasAdd(y, bias);
        };
    }

    @Override
    public Block<T> visitDense(Dense layer, String path) {
        Operand<T> kernel = variables.get(path, "weight");
        Operand<T> bias = layer.bias() ? variables.get(path, "bias") : null;
        return (x, context) -> {
            Operand<T> y = tf.linalg.matMul(x, kernel);
            return bias == null ? y : tf.nn.biasAdd(y, bias);
        };
    }

    @Override
    public Block<T> visitPool(Pool layer, String path) {
        long k = layer.kernel();
        long s = layer.stride();
        return switch (layer.type()) {
            case MAX -> (x, context) -> maxPool(padSpatial(x, layer.padding(), Double.NEGATIVE_INFINITY), k, s);
            case AVG -> (x, context) -> tf.nn.avgPool(padSpatial(x, layer.padding(), 0), List.of(1L, k, k, 1L),
                    List.of(1L, s, s, 1L), "VALID");
        };
    }

    /**
     * TensorFlow's first {@code MaxPool} op, whose window is an attribute: oneDNN runs it and its
     * gradient from the indices kept by the forward pass. {@code tf.nn.maxPool} makes
     * {@code MaxPoolV2}, whose window is a tensor; oneDNN leaves that one alone, and its gradient
     * searches every window again, at a speed that changed 2x from one process to the next (lesson
     * CNN: 3.6 or 7.5 ms per step; docs/measurements.md).
     */
    @SuppressWarnings("unchecked")
    private Operand<T> maxPool(Operand<T> x, long k, long s) {
        return (Operand<T>) (Operand<?>) tf.scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput())
                .setAttr("ksize", new long[] {1, k, k, 1}).setAttr("strides", new long[] {1, s, s, 1})
                .setAttr("padding", "VALID").build().output(0);
    }

    @Override
    public Block<T> visitGlobalPool(GlobalPool layer, String path) {
        return switch (layer.type()) {
            case MAX -> (x, context) -> tf.max(x, ints(1, 2));
            case AVG -> (x, context) -> tf.math.mean(x, ints(1, 2));
        };
    }

    @Override
    public Block<T> visitBatchNorm(BatchNorm layer, String path) {
        Operand<T> gamma = variables.get(path, "weight");
        Operand<T> beta = variables.get(path, "bias");
        Operand<T> runningMean = variables.get(path, "running_mean");
        Operand<T> runningVar = variables.get(path, "running_var");
        boolean image = inputOf(path).isImage();
        if (ops.type() == TFloat32.class) {
            return fused(layer, path, image, gamma, beta, runningMean, runningVar);
        }
        Operand<TInt32> axes = image ? ints(0, 1, 2) : ints(0);
        return (x, context) -> {
            Operand<T> mean;
            Operand<T> variance;
            if (context.pass().batchStatistics()) {
                mean = tf.math.mean(x, axes);
                variance = tf.math.mean(tf.math.square(tf.math.sub(x, mean)), axes);
                if (context.pass() == Pass.TRAIN) {
                    context.record(new ForwardContext.BatchStatistics<>(path, layer.momentum(), mean,
                            unbiased(x, variance, image)));
                }
            } else {
                mean = runningMean;
                variance = runningVar;
            }
            Operand<T> scale = tf.math.mul(tf.math.rsqrt(ops.plus(variance, layer.epsilon())), gamma);
            return tf.math.add(tf.math.mul(tf.math.sub(x, mean), scale), beta);
        };
    }

    /**
     * Float32 batch norm on TensorFlow's fused kernel: the mean/variance form above costs about 7
     * passes over the activations forward and as many backward, and made ResNet-20 train at 0.59 of
     * a hand-written TensorFlow network. The kernel has no float64 version, so float64 networks (the
     * gradient checks) keep the form above; a test holds the two to the same step. In training the
     * kernel's batch variance is already the unbiased one PyTorch folds into the running variance.
     */
    private Block<T> fused(BatchNorm layer, String path, boolean image, Operand<T> gamma, Operand<T> beta,
            Operand<T> runningMean, Operand<T> runningVar) {
        Float epsilon = (float) layer.epsilon();
        return (x, context) -> {
            Operand<T> in = image ? x : tf.reshape(x, ints(-1, 1, 1, inputOf(path).dim(0)));
            boolean training = context.pass().batchStatistics();
            FusedBatchNorm<T, T> bn = tf.nn.fusedBatchNorm(in, gamma, beta, runningMean, runningVar,
                    FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(training));
            if (context.pass() == Pass.TRAIN) {
                context.record(new ForwardContext.BatchStatistics<>(path, layer.momentum(), bn.batchMean(),
                        bn.batchVariance()));
            }
            return image ? bn.y() : tf.reshape(bn.y(), tf.shape(x));
        };
    }

    /** {@code variance * n / (n - 1)} for the {@code n} values per channel of this batch (known only when it runs). */
    private Operand<T> unbiased(Operand<T> x, Operand<T> variance, boolean image) {
        Operand<TInt32> shape = tf.shape(x);
        Operand<TInt32> n = image
                ? tf.math.mul(tf.math.mul(tf.gather(shape, ints(0), tf.constant(0)), tf.gather(shape, ints(1), tf.constant(0))),
                        tf.gather(shape, ints(2), tf.constant(0)))
                : tf.gather(shape, ints(0), tf.constant(0));
        Operand<T> count = tf.dtypes.cast(tf.reshape(n, ints()), ops.type());
        Operand<T> one = ops.constant(1);
        Operand<T> factor = tf.math.div(count, tf.math.maximum(tf.math.sub(count, one), one));
        return tf.math.mul(variance, factor);
    }

    @Override
    public Block<T> visitActivation(Activation layer, String path) {
        return (x, context) -> activate(layer.function(), x);
    }

    private Operand<T> activate(ActivationKind kind, Operand<T> x) {
        return switch (kind) {
            case RELU -> tf.nn.relu(x);
            case TANH -> tf.math.tanh(x);
            case SIGMOID -> tf.math.sigmoid(x);
        };
    }

    @Override
    public Block<T> visitDropout(Dropout layer, String path) {
        double rate = layer.rate();
        // each dropout layer draws its own mask from the step's seed, offset by a hash of its path
        long offset = path.hashCode();
        return (x, context) -> {
            if (!context.pass().dropout() || rate == 0) {
                return x;
            }
            Operand<org.tensorflow.types.TInt64> seed = tf.math.add(context.seed(), tf.constant(new long[] {0, offset}));
            Operand<T> uniform = tf.random.statelessRandomUniform(tf.shape(x), seed, ops.type());
            Operand<T> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, ops.constant(rate)), ops.type());
            return tf.math.mul(x, ops.times(keep, 1.0 / (1.0 - rate)));
        };
    }

    @Override
    public Block<T> visitFlatten(Flatten layer, String path) {
        Shape in = inputOf(path);
        int features = Math.toIntExact(in.size());
        if (!in.isImage()) {
            return (x, context) -> x;
        }
        if (layout.flattensNhwc(path)) {
            return (x, context) -> tf.reshape(x, ints(-1, features)); // the dense kernel's rows are NHWC (Layout)
        }
        // back to NCHW first, so the flat order is PyTorch's
        return (x, context) -> tf.reshape(tf.linalg.transpose(x, ints(0, 3, 1, 2)), ints(-1, features));
    }

    @Override
    public Block<T> visitLocalResponseNorm(LocalResponseNorm layer, String path) {
        int channels = inputOf(path).channels();
        double[][] band = new double[channels][channels];
        int before = layer.size() / 2;
        int after = (layer.size() - 1) / 2;
        for (int c = 0; c < channels; c++) {
            for (int j = Math.max(0, c - before); j <= Math.min(channels - 1, c + after); j++) {
                band[j][c] = 1;
            }
        }
        Operand<T> window = tf.dtypes.cast(tf.constant(band), ops.type());
        return (x, context) -> {
            Operand<T> squares = tf.reshape(tf.math.square(x), ints(-1, channels));
            Operand<T> sums = tf.reshape(tf.linalg.matMul(squares, window), tf.shape(x));
            Operand<T> base = ops.plus(ops.times(sums, layer.alpha() / layer.size()), layer.k());
            return tf.math.div(x, tf.math.pow(base, ops.constant(layer.beta())));
        };
    }

    @Override
    public Block<T> visitSequential(Sequential layer, String path) {
        return sequence(layer.layers(), path);
    }

    @Override
    public Block<T> visitResidual(Residual layer, String path) {
        Block<T> body = sequence(layer.body().layers(), path);
        Block<T> shortcut = shortcut(layer.shortcut(), path);
        return (x, context) -> {
            Operand<T> sum = tf.math.add(body.forward(x, context), shortcut.forward(x, context));
            return layer.activation() == null ? sum : activate(layer.activation(), sum);
        };
    }

    private Block<T> shortcut(Shortcut shortcut, String residualPath) {
        return shortcut.accept(new Shortcut.Visitor<Block<T>>() {
            @Override
            public Block<T> identity(Shortcut.Identity identity) {
                return (x, context) -> x;
            }

            @Override
            public Block<T> zeroPad(Shortcut.ZeroPad zeroPad) {
                int extra = zeroPad.outChannels() - inputOf(residualPath).channels();
                long s = zeroPad.stride();
                Operand<TInt32> paddings = tf.constant(new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, extra}});
                // x[:, ::s, ::s, :] as a 1x1 average pool of stride s, whose gradient is registered
                return (x, context) -> tf.pad(s == 1 ? x
                        : tf.nn.avgPool(x, List.of(1L, 1L, 1L, 1L), List.of(1L, s, s, 1L), "VALID"),
                        paddings, ops.constant(0));
            }

            @Override
            public Block<T> projection(Shortcut.Projection projection) {
                return sequence(projection.layers().layers(), Residual.shortcutPath(residualPath));
            }
        });
    }
}
