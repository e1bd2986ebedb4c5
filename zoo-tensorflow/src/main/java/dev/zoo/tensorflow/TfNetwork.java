package dev.zoo.tensorflow;

import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.backend.InputChecks;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.engine.OptimizerSlots;
import dev.zoo.api.engine.StepFactors;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * A zoo architecture compiled into one TensorFlow graph and run by one session. Every check on
 * what it is handed happens in Java first ({@link InputChecks}, {@link OptimizerSlots#check}), so
 * bad input never reaches a kernel.
 */
final class TfNetwork<T extends TNumber> implements Network {

    private final Architecture architecture;
    private final Optimizer optimizer;
    private final long seed;
    private final TfGraph<T> graph;
    private final Session session;
    private long step;
    private Map<String, Double> lastGradientNorms = Map.of();
    private boolean recordNorms = true;

    TfNetwork(Architecture architecture, Optimizer optimizer, long seed, TfGraph<T> graph, Session session) {
        this.architecture = architecture;
        this.optimizer = optimizer;
        this.seed = seed;
        this.graph = graph;
        this.session = session;
        zeroOptimizerState();
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public String backendId() {
        return TensorflowBackend.ID;
    }

    private Session.Runner feed(Session.Runner runner, Batch batch, List<AutoCloseable> open) {
        var images = TensorValues.floats(batch.itemShape().batchOf(batch.size()), batch.images());
        var labels = TensorValues.ints(batch.labels());
        open.add(images);
        open.add(labels);
        return runner.feed(graph.images(), images).feed(graph.labels(), labels);
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        InputChecks.batch(backendId(), architecture, batch);
        InputChecks.learningRate(backendId(), architecture, learningRate);
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Session.Runner runner = feed(session.runner(), batch, open);
            StepFactors<Double> values = StepFactors.of(optimizer, step + 1, learningRate);
            feedIfRead(runner, graph.factors().learningRate(), values.learningRate(), open);
            feedIfRead(runner, graph.factors().adamStepSize(), values.adamStepSize(), open);
            feedIfRead(runner, graph.factors().adamRootCorrection(), values.adamRootCorrection(), open);
            if (graph.stepReads(graph.seed())) {
                runner.feed(graph.seed(), keep(open, TensorValues.longs(seed, step)));
            }
            runner.fetch(graph.loss()).addTarget(graph.update());
            if (recordNorms) {
                runner.fetch(graph.squaredNorms());
            }
            try (Result r = runner.run()) {
                double loss = TensorValues.scalarValue(r.get(0));
                if (Double.isFinite(loss)) {
                    step++;
                    lastGradientNorms = recordNorms ? norms(TensorValues.doubles(r.get(1))) : Map.of();
                }
                return loss;
            }
        } finally {
            closeAll(open);
        }
    }

    private void feedIfRead(Session.Runner runner, Operand<T> factor, double value, List<AutoCloseable> open) {
        if (graph.stepReads(factor)) {
            runner.feed(factor, keep(open, TensorValues.scalar(graph.type(), value)));
        }
    }

    private static <C extends AutoCloseable> C keep(List<AutoCloseable> open, C c) {
        open.add(c);
        return c;
    }

    private static void closeAll(List<AutoCloseable> open) {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("tensorflow: could not free a tensor", e);
            }
        }
    }

    private Map<String, Double> norms(double[] squared) {
        Map<String, Double> norms = new LinkedHashMap<>();
        int i = 0;
        for (String name : graph.slots().keySet()) {
            norms.put(name, Math.sqrt(squared[i++]));
        }
        return Collections.unmodifiableMap(norms);
    }

    @Override
    public Map<String, Double> lastGradientNorms() {
        return lastGradientNorms;
    }

    /** While false, a step runs no norm ops at all: the session prunes what nothing fetches. */
    @Override
    public void recordGradientNorms(boolean record) {
        recordNorms = record;
    }

    @Override
    public float[] predict(Batch batch) {
        InputChecks.batch(backendId(), architecture, batch);
        List<AutoCloseable> open = new ArrayList<>();
        try (Result r = feed(session.runner(), batch, open).fetch(graph.logits()).run()) {
            return TensorValues.floats(r.get(0));
        } finally {
            closeAll(open);
        }
    }

    /** Runs one batch through the probe's loss, or its loss and gradients (canonical layout). */
    double probeLoss(Batch batch) {
        InputChecks.batch(backendId(), architecture, batch);
        graph.buildProbe();
        List<AutoCloseable> open = new ArrayList<>();
        try (Result r = feed(session.runner(), batch, open).fetch(graph.probeLoss()).run()) {
            return TensorValues.scalarValue(r.get(0));
        } finally {
            closeAll(open);
        }
    }

    Map<String, double[]> probeGradients(Batch batch) {
        InputChecks.batch(backendId(), architecture, batch);
        graph.buildProbe();
        List<AutoCloseable> open = new ArrayList<>();
        Session.Runner runner = feed(session.runner(), batch, open);
        graph.probeGradients().forEach(runner::fetch);
        try (Result r = runner.run()) {
            Map<String, double[]> out = new LinkedHashMap<>();
            int i = 0;
            for (String name : graph.slots().keySet()) {
                out.put(name, graph.layout().toCanonical(spec(name), TensorValues.doubles(r.get(i++))));
            }
            return out;
        } finally {
            closeAll(open);
        }
    }

    private ParameterSpec spec(String name) {
        return architecture.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tensorflow " + architecture.name()
                        + ": no parameter named '" + name + "'"));
    }

    /** Canonical values of the named variables, read in one run. */
    Map<String, double[]> read(Map<String, TfGraph.Writable<T>> variables) {
        Session.Runner runner = session.runner();
        variables.values().forEach(w -> runner.fetch(w.variable()));
        Map<String, double[]> out = new LinkedHashMap<>();
        if (variables.isEmpty()) {
            return out;
        }
        try (Result r = runner.run()) {
            int i = 0;
            for (String name : variables.keySet()) {
                out.put(name, TensorValues.doubles(r.get(i++)));
            }
        }
        return out;
    }

    /** Writes canonical values ({@code spec} gives each its layout) into the variables, in one run. */
    void write(Map<TfGraph.Writable<T>, ParameterSpec> targets, Map<TfGraph.Writable<T>, double[]> canonical) {
        if (targets.isEmpty()) {
            return;
        }
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            targets.forEach((w, p) -> runner.feed(w.value(),
                    keep(open, TensorValues.of(graph.type(), Layout.tfShape(p), graph.layout().toTf(p, canonical.get(w)))))
                    .addTarget(w.assign()));
            runner.run().close();
        } finally {
            closeAll(open);
        }
    }

    @Override
    public Weights exportWeights() {
        Map<String, double[]> values = read(graph.parameters());
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            out.put(p.name(), new Tensor(p.shape(), narrow(graph.layout().toCanonical(p, values.get(p.name())))));
        }
        return new Weights(out);
    }

    private static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Override
    public void importWeights(Weights weights) {
        InputChecks.weights(backendId(), architecture, weights);
        Map<TfGraph.Writable<T>, ParameterSpec> targets = new LinkedHashMap<>();
        Map<TfGraph.Writable<T>, double[]> values = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            TfGraph.Writable<T> w = graph.parameters().get(p.name());
            targets.put(w, p);
            values.put(w, widen(weights.get(p.name()).data()));
        }
        write(targets, values);
    }

    /** Sets one trainable parameter from canonical float64 values (the gradient probe's {@code set}). */
    void setParameter(String name, double[] canonical) {
        ParameterSpec p = spec(name);
        if (!p.trainable()) {
            throw new IllegalArgumentException("tensorflow " + architecture.name() + ": '" + name + "' is not trainable");
        }
        if (canonical.length != p.size()) {
            throw new IllegalArgumentException("tensorflow " + architecture.name() + ": parameter '" + name + "' has "
                    + p.size() + " values, got " + canonical.length);
        }
        TfGraph.Writable<T> w = graph.parameters().get(name);
        write(Map.of(w, p), Map.of(w, canonical));
    }

    /** Current trainable parameters, canonical layout. */
    Map<String, double[]> trainableParameters() {
        Map<String, TfGraph.Writable<T>> trainable = new LinkedHashMap<>();
        graph.slots().keySet().forEach(name -> trainable.put(name, graph.parameters().get(name)));
        Map<String, double[]> out = new LinkedHashMap<>();
        read(trainable).forEach((name, v) -> out.put(name, graph.layout().toCanonical(spec(name), v)));
        return out;
    }

    @Override
    public Weights exportOptimizerState() {
        Map<String, TfGraph.Writable<T>> all = new LinkedHashMap<>();
        graph.slots().forEach((name, list) -> {
            for (int s = 0; s < list.size(); s++) {
                all.put(OptimizerSlots.name(name, OptimizerSlots.slots(optimizer).get(s)), list.get(s));
            }
        });
        Map<String, double[]> values = read(all);
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        Map<String, List<float[]>> slotValues = new LinkedHashMap<>();
        graph.slots().forEach((name, list) -> {
            ParameterSpec p = spec(name);
            shapes.put(name, p.shape());
            List<float[]> v = new ArrayList<>();
            for (String slot : OptimizerSlots.slots(optimizer)) {
                v.add(narrow(graph.layout().toCanonical(p, values.get(OptimizerSlots.name(name, slot)))));
            }
            slotValues.put(name, v);
        });
        return OptimizerSlots.export(optimizer, shapes, slotValues, step);
    }

    @Override
    public void importOptimizerState(Weights state) {
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        graph.slots().keySet().forEach(name -> shapes.put(name, spec(name).shape()));
        long newStep = OptimizerSlots.check(backendId(), optimizer, shapes, state);
        Map<TfGraph.Writable<T>, ParameterSpec> targets = new LinkedHashMap<>();
        Map<TfGraph.Writable<T>, double[]> values = new LinkedHashMap<>();
        graph.slots().forEach((name, list) -> {
            for (int s = 0; s < list.size(); s++) {
                targets.put(list.get(s), spec(name));
                values.put(list.get(s), widen(state.get(OptimizerSlots.name(name, OptimizerSlots.slots(optimizer).get(s))).data()));
            }
        });
        write(targets, values);
        step = newStep;
    }

    private void zeroOptimizerState() {
        Map<TfGraph.Writable<T>, ParameterSpec> targets = new LinkedHashMap<>();
        Map<TfGraph.Writable<T>, double[]> values = new LinkedHashMap<>();
        graph.slots().forEach((name, list) -> list.forEach(w -> {
            targets.put(w, spec(name));
            values.put(w, new double[Math.toIntExact(spec(name).size())]);
        }));
        write(targets, values);
    }

    @Override
    public GradientProbe gradientProbe() {
        if (graph.type() != TFloat64.class) {
            throw new UnsupportedOperationException("tensorflow " + architecture.name()
                    + ": a gradient probe needs a network compiled with precision FLOAT64, this one is FLOAT32");
        }
        return new TfGradientProbe(this);
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            graph.graph().close();
        }
    }
}
