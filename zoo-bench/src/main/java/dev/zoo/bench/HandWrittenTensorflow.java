package dev.zoo.bench;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.tensorflow.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * ResNet-20 and the lesson CNN written directly with TensorFlow Java as its own user would write
 * them: SAME padding, the fused batch-norm kernel with its running averages assigned back, the fused
 * softmax cross-entropy and {@code ApplyMomentum} with Nesterov (weight decay added to the gradient),
 * starting from the very weights the compiled network starts from ({@link Initializer#seeded}), so
 * both compute the same function. The baseline the compiled {@code tensorflow} networks are timed against.
 */
final class HandWrittenTensorflow implements HandWrittenNetworks.Stepper {

    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    /** Initial values are built in the init scope, which runs once when the session initialises. */
    private final Ops init = tf.withInitScope();
    private final List<Variable<TFloat32>> weights = new ArrayList<>();
    private final List<long[]> shapes = new ArrayList<>();
    private final List<Op> statistics = new ArrayList<>();
    private final Placeholder<TFloat32> images;
    private final Placeholder<TInt32> labels;
    private final Session session;
    private final Op train;
    private final Operand<TFloat32> loss;
    /** The same network's logits in inference mode: batch norm on its running statistics. */
    private final Operand<TFloat32> inference;
    /** Every variable of the training pass in the order it was made, which the inference pass takes again. */
    private final List<Variable<TFloat32>> made = new ArrayList<>();
    /** While the inference pass is built, the index in {@link #made} of the next variable to take; else -1. */
    private int replay = -1;
    private final Shape input;
    /** The compiled network's parameters in order, consumed as layers are built, and their initial values. */
    private final Iterator<ParameterSpec> parameters;
    private final Weights initial;
    private final Layout layout;
    private int seq;

    private HandWrittenTensorflow(Shape input, int classes, boolean resnet, float lr, long seed) {
        this.input = input;
        Architecture architecture = ModelZoo.build(resnet ? "resnet20" : "lesson_cnn", input, classes);
        this.parameters = architecture.parameters().iterator();
        this.initial = Initializer.seeded(architecture, seed);
        this.layout = Layout.of(architecture);
        images = tf.placeholder(TFloat32.class);
        labels = tf.placeholder(TInt32.class);
        Operand<TFloat32> x = tf.linalg.transpose(images, tf.constant(new int[] {0, 2, 3, 1}));
        Operand<TFloat32> logits = resnet ? resnet20(x, input.channels(), classes) : lessonCnn(x, input, classes);
        Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));
        replay = 0; // the same layers again, on the same variables
        inference = resnet ? resnet20(x, input.channels(), classes) : lessonCnn(x, input, classes);
        replay = -1;
        var gradients = tf.gradients(loss, weights);
        List<Op> updates = new ArrayList<>(statistics);
        for (int i = 0; i < weights.size(); i++) {
            Variable<TFloat32> w = weights.get(i);
            Operand<TFloat32> g = gradients.<TFloat32>dy(i);
            Variable<TFloat32> accumulator = tf.variable(init.zeros(init.constant(shapes.get(i)), TFloat32.class));
            updates.add(tf.train.applyMomentum(w, accumulator, tf.constant(lr),
                    tf.math.add(g, tf.math.mul(w, tf.constant(5e-4f))), tf.constant(0.9f), ApplyMomentum.useNesterov(true)));
        }
        train = tf.withControlDependencies(updates).noOp();
        session = new Session(graph, threads());
        session.initialize();
    }

    /** The same threads as the compiled network gets from {@code -Dzoo.tensorflow.threads}, else TensorFlow's default. */
    private static ConfigProto threads() {
        String n = System.getProperty("zoo.tensorflow.threads", "");
        return n.isBlank() ? ConfigProto.newBuilder().build()
                : ConfigProto.newBuilder().setIntraOpParallelismThreads(Integer.parseInt(n)).setInterOpParallelismThreads(1)
                        .build();
    }

    static HandWrittenTensorflow resnet20(Shape input, int classes, double lr, long seed) {
        return new HandWrittenTensorflow(input, classes, true, (float) lr, seed);
    }

    static HandWrittenTensorflow lessonCnn(Shape input, int classes, double lr, long seed) {
        return new HandWrittenTensorflow(input, classes, false, (float) lr, seed);
    }

    /**
     * The next parameter's initial value in TensorFlow's layout ({@code tensorflow}'s own
     * {@link Layout}, which keeps a dense kernel fed by a flattened NHWC map in NHWC row order, as
     * this network flattens): the compiled network's own starting weights, because the speed of some
     * kernels (max pooling's gradient among them) depends on the values they see.
     */
    private Operand<TFloat32> next(long[] shape) {
        ParameterSpec p = parameters.next();
        if (!Arrays.equals(Layout.tfShape(p), shape)) {
            throw new IllegalStateException("hand-written tensorflow: parameter " + p.name() + " has TensorFlow shape "
                    + Arrays.toString(Layout.tfShape(p)) + ", the layer built here wants " + Arrays.toString(shape));
        }
        float[] values = layout.toTf(p, initial.get(p.name()).data());
        return init.constant(org.tensorflow.ndarray.Shape.of(shape), DataBuffers.of(values, true, false));
    }

    private Variable<TFloat32> trained(long[] shape) {
        return variable(shape, true);
    }

    /** The next variable: made from the next parameter's initial value, or taken again by the inference pass. */
    private Variable<TFloat32> variable(long[] shape, boolean trainable) {
        if (replay >= 0) {
            return made.get(replay++);
        }
        Variable<TFloat32> v = tf.variable(next(shape));
        made.add(v);
        if (trainable) {
            weights.add(v);
            shapes.add(shape);
        }
        return v;
    }

    private Variable<TFloat32> vector(int channels) {
        return trained(new long[] {channels});
    }

    private Operand<TFloat32> conv(Operand<TFloat32> x, int in, int out, int k, int stride, String padding) {
        Variable<TFloat32> kernel = trained(new long[] {k, k, in, out});
        return tf.nn.conv2d(x, kernel, List.of(1L, (long) stride, (long) stride, 1L), padding);
    }

    private Operand<TFloat32> batchNorm(Operand<TFloat32> x, int channels) {
        Variable<TFloat32> gamma = vector(channels);
        Variable<TFloat32> beta = vector(channels);
        Variable<TFloat32> mean = variable(new long[] {channels}, false);
        Variable<TFloat32> variance = variable(new long[] {channels}, false);
        if (replay >= 0) {
            return tf.nn.fusedBatchNorm(x, gamma, beta, mean, variance, FusedBatchNorm.epsilon(1e-5f),
                    FusedBatchNorm.isTraining(false)).y();
        }
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, mean, variance,
                FusedBatchNorm.epsilon(1e-5f), FusedBatchNorm.isTraining(true), FusedBatchNorm.exponentialAvgFactor(0.1f));
        statistics.add(tf.assign(mean, bn.batchMean()));
        statistics.add(tf.assign(variance, bn.batchVariance()));
        return bn.y();
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, int in, int out) {
        Variable<TFloat32> kernel = trained(new long[] {in, out});
        return withBias(tf.linalg.matMul(x, kernel), out);
    }

    /** The lesson's convolutions and dense layers carry a bias, as Keras's {@code Conv2D} and {@code Dense} do. */
    private Operand<TFloat32> withBias(Operand<TFloat32> x, int channels) {
        return tf.nn.biasAdd(x, vector(channels));
    }

    private Operand<TFloat32> resnet20(Operand<TFloat32> x, int channels, int classes) {
        Operand<TFloat32> y = tf.nn.relu(batchNorm(conv(x, channels, 16, 3, 1, "SAME"), 16));
        int in = 16;
        for (int stage = 0; stage < 3; stage++) {
            int out = 16 << stage;
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                // SAME would pad a stride-2 convolution on the bottom and right only; PyTorch's padding 1
                // pads both sides, which zero padding before a VALID convolution reproduces
                Operand<TFloat32> body = tf.nn.relu(batchNorm(stride == 1 ? conv(y, in, out, 3, 1, "SAME")
                        : conv(tf.pad(y, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), tf.constant(0f)),
                                in, out, 3, stride, "VALID"), out));
                body = batchNorm(conv(body, out, out, 3, 1, "SAME"), out);
                Operand<TFloat32> shortcut = y;
                if (stride != 1 || in != out) {
                    shortcut = tf.pad(tf.nn.avgPool(y, List.of(1L, 1L, 1L, 1L), List.of(1L, 2L, 2L, 1L), "VALID"),
                            tf.constant(new int[][] {{0, 0}, {0, 0}, {0, 0}, {0, out - in}}), tf.constant(0f));
                }
                y = tf.nn.relu(tf.math.add(body, shortcut));
                in = out;
            }
        }
        return dense(tf.math.mean(y, tf.constant(new int[] {1, 2})), 64, classes);
    }

    private Operand<TFloat32> lessonCnn(Operand<TFloat32> x, Shape input, int classes) {
        Operand<TFloat32> y = tf.nn.relu(withBias(conv(x, input.channels(), 16, 3, 1, "VALID"), 16));
        y = maxPool(y);
        y = tf.nn.relu(withBias(conv(y, 16, 32, 3, 1, "VALID"), 32));
        y = maxPool(y);
        int h = ((input.height() - 2) / 2 - 2) / 2;
        int w = ((input.width() - 2) / 2 - 2) / 2;
        int features = 32 * h * w;
        y = tf.reshape(y, tf.constant(new int[] {-1, features}));
        return dense(tf.nn.relu(dense(y, features, 256)), 256, classes);
    }

    /**
     * 2x2 max pooling with TensorFlow's {@code MaxPool} op, which oneDNN runs (Python's
     * {@code tf.nn.max_pool2d} makes the same op; TensorFlow Java's {@code tf.nn.maxPool} makes
     * {@code MaxPoolV2}, which it does not).
     */
    private Operand<TFloat32> maxPool(Operand<TFloat32> x) {
        return graph.opBuilder("MaxPool", "MaxPool" + seq++, tf.scope()).addInput(x.asOutput())
                .setAttr("ksize", new long[] {1, 2, 2, 1}).setAttr("strides", new long[] {1, 2, 2, 1})
                .setAttr("padding", "VALID").build().output(0);
    }

    /** One training step on {@code batch}. */
    @Override
    public void step(Batch batch) {
        try (TFloat32 x = imageTensor(batch);
                TInt32 y = TInt32.vectorOf(batch.labels())) {
            session.runner().feed(images, x).feed(labels, y).addTarget(train).run().close();
        }
    }

    /** The batch's images as a tensor to feed (NCHW; the graph transposes them). */
    private TFloat32 imageTensor(Batch batch) {
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(input.batchOf(batch.size())),
                DataBuffers.of(batch.images(), true, false));
    }

    /** Logits of {@code batch} in inference mode, batch norm on its running statistics. */
    @Override
    public float[] predict(Batch batch) {
        try (TFloat32 x = imageTensor(batch);
                var r = session.runner().feed(images, x).fetch(inference).run()) {
            TFloat32 logits = (TFloat32) r.get(0);
            float[] out = new float[Math.toIntExact(logits.size())];
            logits.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    /** The training-mode loss of {@code batch}, changing nothing. */
    double loss(Batch batch) {
        try (TFloat32 x = imageTensor(batch);
                TInt32 y = TInt32.vectorOf(batch.labels());
                var r = session.runner().feed(images, x).feed(labels, y).fetch(loss).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
