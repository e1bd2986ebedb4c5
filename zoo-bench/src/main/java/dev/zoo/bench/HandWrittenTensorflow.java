package dev.zoo.bench;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
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
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * ResNet-20 and the lesson CNN written directly with TensorFlow Java as its own user would write
 * them: SAME padding, the fused batch-norm kernel with its running averages assigned back, the fused
 * softmax cross-entropy and {@code ApplyMomentum} with Nesterov (weight decay added to the gradient),
 * starting from the compiled networks' initialisation (torchvision's). The baseline the compiled {@code tensorflow} networks are timed against.
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
    private final Shape input;
    private long seed = 1;

    private HandWrittenTensorflow(Shape input, int classes, boolean resnet, float lr) {
        this.input = input;
        images = tf.placeholder(TFloat32.class);
        labels = tf.placeholder(TInt32.class);
        Operand<TFloat32> x = tf.linalg.transpose(images, tf.constant(new int[] {0, 2, 3, 1}));
        Operand<TFloat32> logits = resnet ? resnet20(x, input.channels(), classes) : lessonCnn(x, input, classes);
        Operand<TFloat32> onehot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, onehot).loss(), tf.constant(0));
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

    static HandWrittenTensorflow resnet20(Shape input, int classes, double lr) {
        return new HandWrittenTensorflow(input, classes, true, (float) lr);
    }

    static HandWrittenTensorflow lessonCnn(Shape input, int classes, double lr) {
        return new HandWrittenTensorflow(input, classes, false, (float) lr);
    }

    /**
     * A weight drawn from the normal distribution with {@code std}: the initialisation the compiled
     * networks get (torchvision's), because the speed of some kernels (max pooling's gradient among
     * them) depends on the values they see.
     */
    private Variable<TFloat32> weight(double std, long... shape) {
        Operand<TFloat32> value = init.math.mul(init.random.randomStandardNormal(init.constant(shape), TFloat32.class,
                RandomStandardNormal.seed(seed++)), init.constant((float) std));
        return add(tf.variable(value), shape);
    }

    private Variable<TFloat32> add(Variable<TFloat32> v, long... shape) {
        weights.add(v);
        shapes.add(shape);
        return v;
    }

    private Operand<TFloat32> filled(int channels, float value) {
        return init.fill(init.constant(new int[] {channels}), init.constant(value));
    }

    private Operand<TFloat32> conv(Operand<TFloat32> x, int in, int out, int k, int stride, String padding) {
        return tf.nn.conv2d(x, weight(Math.sqrt(2.0 / (out * k * k)), k, k, in, out),
                List.of(1L, (long) stride, (long) stride, 1L), padding);
    }

    private Operand<TFloat32> batchNorm(Operand<TFloat32> x, int channels) {
        Variable<TFloat32> gamma = add(tf.variable(filled(channels, 1f)), channels);
        Variable<TFloat32> beta = add(tf.variable(filled(channels, 0f)), channels);
        Variable<TFloat32> mean = tf.variable(filled(channels, 0f));
        Variable<TFloat32> variance = tf.variable(filled(channels, 1f));
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, mean, variance,
                FusedBatchNorm.epsilon(1e-5f), FusedBatchNorm.isTraining(true), FusedBatchNorm.exponentialAvgFactor(0.1f));
        statistics.add(tf.assign(mean, bn.batchMean()));
        statistics.add(tf.assign(variance, bn.batchVariance()));
        return bn.y();
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, int in, int out) {
        return withBias(tf.linalg.matMul(x, weight(0.01, in, out)), out);
    }

    /** The lesson's convolutions and dense layers carry a bias, as Keras's {@code Conv2D} and {@code Dense} do. */
    private Operand<TFloat32> withBias(Operand<TFloat32> x, int channels) {
        return tf.nn.biasAdd(x, add(tf.variable(filled(channels, 0f)), channels));
    }

    private Operand<TFloat32> resnet20(Operand<TFloat32> x, int channels, int classes) {
        Operand<TFloat32> y = tf.nn.relu(batchNorm(conv(x, channels, 16, 3, 1, "SAME"), 16));
        int in = 16;
        for (int stage = 0; stage < 3; stage++) {
            int out = 16 << stage;
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                Operand<TFloat32> body = tf.nn.relu(batchNorm(conv(y, in, out, 3, stride, "SAME"), out));
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
        y = tf.nn.maxPool(y, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
        y = tf.nn.relu(withBias(conv(y, 16, 32, 3, 1, "VALID"), 32));
        y = tf.nn.maxPool(y, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
        int h = ((input.height() - 2) / 2 - 2) / 2;
        int w = ((input.width() - 2) / 2 - 2) / 2;
        int features = 32 * h * w;
        y = tf.reshape(y, tf.constant(new int[] {-1, features}));
        return dense(tf.nn.relu(dense(y, features, 256)), 256, classes);
    }

    /** One training step on {@code batch}. */
    @Override
    public void step(Batch batch) {
        try (TFloat32 x = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(input.batchOf(batch.size())),
                DataBuffers.of(batch.images(), true, false));
                TInt32 y = TInt32.vectorOf(batch.labels())) {
            session.runner().feed(images, x).feed(labels, y).addTarget(train).run().close();
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
