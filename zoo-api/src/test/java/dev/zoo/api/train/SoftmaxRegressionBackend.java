package dev.zoo.api.train;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.UnsupportedLayerException;
import dev.zoo.api.data.ArrayBatchSource;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pure-Java reference backend for softmax regression ({@code Flatten} then one {@code Dense}),
 * exact and deterministic, with PyTorch's SGD (momentum, Nesterov, weight decay) and Adam. It lets
 * the training loop be tested without any engine.
 */
public final class SoftmaxRegressionBackend implements Backend {

    public static final String ID = "test-softmax";

    /** A 2x2 single-channel input, flattened, into 3 classes. */
    public static Architecture architecture() {
        return new Architecture("softmax", "softmax regression", Shape.chw(1, 2, 2), 3,
                Sequential.of("net", new Flatten("flatten"), Dense.of("fc", 3)));
    }

    /** 24 examples whose class is the brightest of the first three pixels: learnable, not trivially. */
    public static ArrayBatchSource data(long seed, boolean shuffle) {
        int n = 24;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) r.nextGaussian();
            }
            y[i] = x[i * 4] > x[i * 4 + 1] ? (x[i * 4] > x[i * 4 + 2] ? 0 : 2) : (x[i * 4 + 1] > x[i * 4 + 2] ? 1 : 2);
        }
        return new ArrayBatchSource(x, y, Shape.chw(1, 2, 2), List.of("a", "b", "c"), seed, shuffle);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "pure-Java softmax regression for tests";
    }

    @Override
    public void check(Architecture architecture) {
        List<Layer> layers = architecture.network().layers();
        if (layers.size() != 2 || !(layers.get(0) instanceof Flatten) || !(layers.get(1) instanceof Dense d) || !d.bias()) {
            Layer first = layers.get(0);
            throw new UnsupportedLayerException(ID, first.getClass().getSimpleName(), first.name(),
                    "only Flatten then one Dense with bias");
        }
    }

    @Override
    public Network compile(Architecture architecture, NetworkOptions options) {
        check(architecture);
        return new SoftmaxNetwork(architecture, options.optimizer(),
                Initializer.seeded(architecture, options.seed()));
    }

    /** The compiled network: float32 parameters, double arithmetic, fixed summation order. */
    static final class SoftmaxNetwork implements Network {
        private final Architecture architecture;
        private final Optimizer optimizer;
        private final String wName;
        private final String bName;
        private final int classes;
        private final int features;
        private float[] w;
        private float[] b;
        private float[][] first;
        private float[][] second;
        private long step;
        private Map<String, Double> norms = Map.of();
        private boolean recordNorms = true;
        /** The steps (from 0) whose gradient norms this network computed. */
        final List<Long> normSteps = new ArrayList<>();

        SoftmaxNetwork(Architecture architecture, Optimizer optimizer, Weights init) {
            this.architecture = architecture;
            this.optimizer = optimizer;
            String fc = architecture.network().layers().get(1).name();
            this.wName = fc + ".weight";
            this.bName = fc + ".bias";
            this.classes = architecture.classes();
            this.features = (int) architecture.input().size();
            importWeights(init);
            this.first = new float[][] {new float[w.length], new float[b.length]};
            this.second = new float[][] {new float[w.length], new float[b.length]};
        }

        @Override
        public Architecture architecture() {
            return architecture;
        }

        @Override
        public String backendId() {
            return ID;
        }

        private void checkBatch(Batch batch) {
            if (!batch.itemShape().equals(architecture.input())) {
                throw new IllegalArgumentException(ID + ": batch items are " + batch.itemShape() + ", the network takes "
                        + architecture.input());
            }
            for (int label : batch.labels()) {
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException(ID + ": labels must be in [0, " + classes + "), got " + label);
                }
            }
        }

        private double[] logits(Batch batch, int i) {
            double[] z = new double[classes];
            for (int c = 0; c < classes; c++) {
                double s = b[c];
                for (int f = 0; f < features; f++) {
                    s += (double) w[c * features + f] * batch.images()[i * features + f];
                }
                z[c] = s;
            }
            return z;
        }

        @Override
        public double trainStep(Batch batch, double learningRate) {
            checkBatch(batch);
            int n = batch.size();
            double[] gw = new double[w.length];
            double[] gb = new double[b.length];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double[] z = logits(batch, i);
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : z) {
                    sum += Math.exp(v - max);
                }
                int y = batch.labels()[i];
                loss += Math.log(sum) + max - z[y];
                for (int c = 0; c < classes; c++) {
                    double g = (Math.exp(z[c] - max) / sum - (c == y ? 1 : 0)) / n;
                    gb[c] += g;
                    for (int f = 0; f < features; f++) {
                        gw[c * features + f] += g * batch.images()[i * features + f];
                    }
                }
            }
            Map<String, Double> n2 = new LinkedHashMap<>();
            if (recordNorms) {
                n2.put(wName, norm(gw));
                n2.put(bName, norm(gb));
                normSteps.add(step);
            }
            norms = n2;
            step++;
            update(0, w, gw, learningRate);
            update(1, b, gb, learningRate);
            return loss / n;
        }

        private static double norm(double[] g) {
            double s = 0;
            for (double v : g) {
                s += v * v;
            }
            return Math.sqrt(s);
        }

        private void update(int slot, float[] p, double[] g, double lr) {
            float[] m = first[slot];
            float[] v = second[slot];
            for (int k = 0; k < p.length; k++) {
                double grad = g[k] + optimizer.weightDecay() * p[k];
                if (optimizer instanceof Optimizer.Sgd sgd) {
                    if (sgd.momentum() > 0) {
                        m[k] = (float) (step == 1 ? grad : sgd.momentum() * m[k] + grad);
                        grad = sgd.nesterov() ? grad + sgd.momentum() * m[k] : m[k];
                    }
                    p[k] = (float) (p[k] - lr * grad);
                } else if (optimizer instanceof Optimizer.Adam adam) {
                    m[k] = (float) (adam.beta1() * m[k] + (1 - adam.beta1()) * grad);
                    v[k] = (float) (adam.beta2() * v[k] + (1 - adam.beta2()) * grad * grad);
                    double mHat = m[k] / (1 - Math.pow(adam.beta1(), step));
                    double vHat = v[k] / (1 - Math.pow(adam.beta2(), step));
                    p[k] = (float) (p[k] - lr * mHat / (Math.sqrt(vHat) + adam.epsilon()));
                }
            }
        }

        @Override
        public float[] predict(Batch batch) {
            checkBatch(batch);
            float[] out = new float[batch.size() * classes];
            for (int i = 0; i < batch.size(); i++) {
                double[] z = logits(batch, i);
                for (int c = 0; c < classes; c++) {
                    out[i * classes + c] = (float) z[c];
                }
            }
            return out;
        }

        @Override
        public Weights exportWeights() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put(wName, Tensor.of(w.clone(), classes, features));
            m.put(bName, Tensor.of(b.clone(), classes));
            return new Weights(m);
        }

        @Override
        public void importWeights(Weights weights) {
            Tensor tw = weights.get(wName);
            Tensor tb = weights.get(bName);
            if (!tw.shape().equals(List.of(classes, features)) || !tb.shape().equals(List.of(classes))) {
                throw new IllegalArgumentException(ID + ": expected " + wName + " [" + classes + ", " + features + "] and "
                        + bName + " [" + classes + "], got " + tw.shape() + " and " + tb.shape());
            }
            w = tw.data().clone();
            b = tb.data().clone();
        }

        @Override
        public Weights exportOptimizerState() {
            String[] suffix = optimizer instanceof Optimizer.Adam ? new String[] {".adam_m", ".adam_v"}
                    : new String[] {".momentum", null};
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put(wName + suffix[0], Tensor.of(first[0].clone(), classes, features));
            m.put(bName + suffix[0], Tensor.of(first[1].clone(), classes));
            if (suffix[1] != null) {
                m.put(wName + suffix[1], Tensor.of(second[0].clone(), classes, features));
                m.put(bName + suffix[1], Tensor.of(second[1].clone(), classes));
            }
            m.put("step", new Tensor(List.of(), new float[] {step}));
            return new Weights(m);
        }

        @Override
        public void importOptimizerState(Weights state) {
            String[] suffix = optimizer instanceof Optimizer.Adam ? new String[] {".adam_m", ".adam_v"}
                    : new String[] {".momentum", null};
            first = new float[][] {state.get(wName + suffix[0]).data().clone(), state.get(bName + suffix[0]).data().clone()};
            if (suffix[1] != null) {
                second = new float[][] {state.get(wName + suffix[1]).data().clone(),
                    state.get(bName + suffix[1]).data().clone()};
            }
            step = (long) state.get("step").data()[0];
        }

        @Override
        public GradientProbe gradientProbe() {
            throw new UnsupportedOperationException(ID + ": no float64 gradient probe");
        }

        @Override
        public Map<String, Double> lastGradientNorms() {
            return norms;
        }

        @Override
        public void recordGradientNorms(boolean record) {
            recordNorms = record;
        }

        @Override
        public void close() {
            // nothing native
        }
    }
}
