package dev.zoo.tensorflow;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.engine.OptimizerRule;
import dev.zoo.api.engine.OptimizerSlots;
import dev.zoo.api.engine.RunningStatistics;
import dev.zoo.api.engine.StepFactors;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * The whole TensorFlow graph of one network: parameter and optimiser-state variables, the inference
 * forward pass, and the training step (forward, {@code Graph.addGradients}, the shared optimiser
 * rule and running-statistics rule as graph ops). A training step whose loss is not finite changes
 * nothing: its assignments are dead branches then.
 */
final class TfGraph<T extends TNumber> {

    /** A variable and the op that overwrites it from a fed value in TensorFlow's layout. */
    record Writable<T extends TNumber>(Variable<T> variable, Placeholder<T> value, Op assign) {
    }

    private final Architecture architecture;
    private final Layout layout;
    private final Graph graph;
    private final Ops tf;
    private final GraphArithmetic<T> ops;
    private final Block<T> network;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TInt32> labels;
    private final Placeholder<TInt64> seed;
    private final StepFactors<Placeholder<T>> factors;
    private final Map<String, Writable<T>> parameters = new LinkedHashMap<>();
    private final Map<String, List<Writable<T>>> slots = new LinkedHashMap<>();
    private final Operand<T> logits;
    private final Operand<T> loss;
    private final Operand<T> squaredNorms;
    private final Op update;
    /** The ops a training step runs, to feed only the placeholders it reads. */
    private final Set<GraphOperation> stepOps;
    private Operand<T> probeLoss;
    private List<Operand<T>> probeGradients;

    TfGraph(Architecture architecture, Class<T> type, Optimizer optimizer) {
        this.architecture = architecture;
        this.layout = Layout.of(architecture);
        this.graph = new Graph();
        try {
            this.tf = Ops.create(graph);
            this.ops = new GraphArithmetic<>(tf, type);
            ParameterVariables<T> variables = new ParameterVariables<>(architecture, tf, type);
            this.network = new TfCompiler<>(architecture, layout, ops, variables).compile();
            variables.all().forEach((name, v) -> parameters.put(name, writable(v, variables.spec(name))));
            for (ParameterSpec p : architecture.parameters()) {
                if (p.trainable()) {
                    List<Writable<T>> list = new ArrayList<>();
                    for (String slot : OptimizerSlots.slots(optimizer)) {
                        Variable<T> v = tf.withName(ParameterVariables.safe(OptimizerSlots.name(p.name(), slot)))
                                .variable(Shape.of(Layout.tfShape(p)), type);
                        list.add(writable(v, p));
                    }
                    slots.put(p.name(), list);
                }
            }
            this.images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(architecture.input().batchOf(-1))));
            this.labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            this.seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
            this.factors = new StepFactors<>(scalar(type), scalar(type), scalar(type));
            this.logits = network.forward(input(), new ForwardContext<>(Pass.EVAL, seed));

            ForwardContext<T> training = new ForwardContext<>(Pass.TRAIN, seed);
            this.loss = crossEntropy(network.forward(input(), training));
            List<Operand<T>> trainable = trainable();
            List<Operand<T>> gradients = gradients(loss, trainable);
            List<Operand<T>> squares = new ArrayList<>();
            for (Operand<T> g : gradients) {
                squares.add(tf.reshape(tf.reduceSum(tf.math.square(g), allAxes(g)), tf.constant(new int[] {1})));
            }
            this.squaredNorms = tf.concat(squares, tf.constant(0));
            this.update = updates(optimizer, gradients, training);
            this.stepOps = ancestors(List.of(update, loss));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private Placeholder<T> scalar(Class<T> type) {
        return tf.placeholder(type, Placeholder.shape(Shape.scalar()));
    }

    private Writable<T> writable(Variable<T> v, ParameterSpec p) {
        Placeholder<T> value = tf.placeholder(ops.type(), Placeholder.shape(Shape.of(Layout.tfShape(p))));
        return new Writable<>(v, value, tf.assign(v, value));
    }

    /** The fed NCHW images in the network's type, NHWC when they are images. */
    private Operand<T> input() {
        Operand<T> x = tf.dtypes.cast(images, ops.type());
        return architecture.input().isImage() ? tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 1})) : x;
    }

    /**
     * Mean softmax cross-entropy against the fed labels: TensorFlow's fused
     * {@code SoftmaxCrossEntropyWithLogits} in float32, {@code -mean(sum(onehot * logSoftmax))} in
     * float64. The fused op's gradient multiplies by a float32 constant, so it cannot be built for
     * float64 networks; the sparse fused op has no gradient at all.
     */
    private Operand<T> crossEntropy(Operand<T> logits) {
        Operand<T> target = tf.oneHot(labels, tf.constant(architecture.classes()), ops.constant(1), ops.constant(0));
        if (ops.type() == TFloat32.class) {
            return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, target).loss(), tf.constant(0));
        }
        Operand<T> perExample = tf.reduceSum(tf.math.mul(target, tf.nn.logSoftmax(logits)), tf.constant(1));
        return tf.math.neg(tf.math.mean(perExample, tf.constant(0)));
    }

    private Operand<TInt32> allAxes(Operand<T> g) {
        int rank = g.shape().numDimensions();
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return tf.constant(axes);
    }

    private List<Operand<T>> trainable() {
        List<Operand<T>> list = new ArrayList<>();
        slots.keySet().forEach(name -> list.add(parameters.get(name).variable()));
        return list;
    }

    @SuppressWarnings("unchecked")
    private List<Operand<T>> gradients(Operand<T> of, List<Operand<T>> with) {
        List<Operand<T>> out = new ArrayList<>();
        tf.gradients(of, with).dy().forEach(o -> out.add((Operand<T>) o));
        return out;
    }

    /**
     * The shared optimiser and running-statistics rules as assignments. A weight's update runs once
     * every op of the step that reads that weight has run (its forward op, before the loss, and the
     * backward op that passes the gradient on to the layer below), so no op reads a weight this step
     * already changed, yet updates of the top layers overlap the backward pass of the lower ones.
     * Their inputs pass a {@code Switch} on whether the loss is finite: when it is not, every
     * assignment downstream is dead and never runs, so the step changes nothing. (Selecting the old value instead cost two
     * passes over every parameter and a copy back per step.) SGD with momentum runs as TensorFlow's
     * {@code ApplyMomentum}, which is the shared rule's momentum step in one kernel per parameter
     * (0.2 ms against 0.8 ms for the element-wise ops on the lesson CNN); Adam and plain SGD are the
     * shared rule's ops. Running statistics are assigned after the whole backward pass.
     */
    private Op updates(Optimizer optimizer, List<Operand<T>> gradients, ForwardContext<T> training) {
        List<Op> after = new ArrayList<>(gradients);
        after.add(loss);
        Set<GraphOperation> backward = ancestors(after);
        backward.removeAll(ancestors(List.of(loss)));
        Operand<TBool> finite = tf.math.isFinite(loss);
        UnaryOperator<Operand<T>> ifFinite = x -> tf.switchCond(x, finite).outputTrue();
        StepFactors<Operand<T>> f = factors.map(p -> p);
        List<Op> assigns = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Writable<T>>> e : slots.entrySet()) {
            Variable<T> weight = parameters.get(e.getKey()).variable();
            List<Operand<T>> current = new ArrayList<>();
            e.getValue().forEach(w -> current.add(w.variable()));
            Operand<T> gradient = ifFinite.apply(gradients.get(i++));
            GraphArithmetic<T> own = new GraphArithmetic<>(tf.withControlDependencyOps(readers(weight, backward)), ops.type());
            Ops t = own.tf();
            if (optimizer instanceof Optimizer.Sgd sgd && sgd.momentum() > 0) {
                assigns.add(t.train.applyMomentum(weight, e.getValue().get(0).variable(), f.learningRate(),
                        OptimizerRule.decayedGradient(optimizer, own, weight, gradient), own.constant(sgd.momentum()),
                        ApplyMomentum.useNesterov(sgd.nesterov())));
                continue;
            }
            OptimizerRule.Update<Operand<T>> u = OptimizerRule.apply(optimizer, own, weight, gradient, current, f);
            assigns.add(t.assignSub(weight, u.decrement()));
            for (int s = 0; s < current.size(); s++) {
                assigns.add(t.assign(e.getValue().get(s).variable(), u.slots().get(s)));
            }
        }
        GraphArithmetic<T> late = new GraphArithmetic<>(tf.withControlDependencies(after), ops.type());
        for (ForwardContext.BatchStatistics<T> s : training.statistics()) {
            Variable<T> mean = parameters.get(s.path() + ".running_mean").variable();
            Variable<T> var = parameters.get(s.path() + ".running_var").variable();
            RunningStatistics.Folded<Operand<T>> folded = RunningStatistics.fold(late, s.momentum(), mean, var,
                    ifFinite.apply(s.mean()), ifFinite.apply(s.variance()));
            assigns.add(late.tf().assign(mean, folded.mean()));
            assigns.add(late.tf().assign(var, folded.variance()));
        }
        return tf.withControlDependencies(assigns).noOp();
    }

    /** Every op the given ones need, through data and control inputs: the ops of one training step. */
    private static Set<GraphOperation> ancestors(List<Op> roots) {
        Set<GraphOperation> seen = new HashSet<>();
        Deque<GraphOperation> todo = new ArrayDeque<>();
        roots.forEach(r -> todo.add((GraphOperation) r.op()));
        while (!todo.isEmpty()) {
            GraphOperation op = todo.pop();
            if (seen.add(op)) {
                op.inputs().forEach(in -> todo.add((GraphOperation) in.op()));
                todo.addAll(op.controlInputs());
            }
        }
        return seen;
    }

    /**
     * The backward ops that read {@code weight}: its consumers in {@code backward}, and through any
     * {@code Identity} (which passes the same buffer on) the consumers of that. The forward ops
     * that read it need no edge: every update waits for the loss through its finite gate. (An edge
     * to a forward convolution or matrix product would also stop Grappler from fusing it with its
     * bias and activation.)
     */
    private static List<Operation> readers(Variable<?> weight, Set<GraphOperation> backward) {
        List<Operation> out = new ArrayList<>();
        Deque<GraphOperation> todo = new ArrayDeque<>(((GraphOperation) weight.op()).consumers());
        Set<GraphOperation> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            GraphOperation op = todo.pop();
            if (!seen.add(op) || !backward.contains(op)) {
                continue;
            }
            out.add(op);
            if (op.type().equals("Identity")) {
                todo.addAll(op.consumers());
            }
        }
        return out;
    }

    /** The training-mode loss without dropout and its gradients, added to the graph on first use. */
    synchronized void buildProbe() {
        if (probeLoss == null) {
            probeLoss = crossEntropy(network.forward(input(), new ForwardContext<>(Pass.PROBE, seed)));
            probeGradients = gradients(probeLoss, trainable());
        }
    }

    Graph graph() {
        return graph;
    }

    Layout layout() {
        return layout;
    }

    Placeholder<TFloat32> images() {
        return images;
    }

    Placeholder<TInt32> labels() {
        return labels;
    }

    Placeholder<TInt64> seed() {
        return seed;
    }

    StepFactors<Placeholder<T>> factors() {
        return factors;
    }

    Operand<T> logits() {
        return logits;
    }

    Operand<T> loss() {
        return loss;
    }

    Operand<T> squaredNorms() {
        return squaredNorms;
    }

    Op update() {
        return update;
    }

    /** Whether a training step reads {@code placeholder} (the seed only with dropout, Adam's factors only for Adam). */
    boolean stepReads(Operand<?> placeholder) {
        return stepOps.contains((GraphOperation) placeholder.op());
    }

    Operand<T> probeLoss() {
        return probeLoss;
    }

    List<Operand<T>> probeGradients() {
        return Collections.unmodifiableList(probeGradients);
    }

    Map<String, Writable<T>> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Per trainable parameter, its slots in {@link OptimizerSlots#slots} order. */
    Map<String, List<Writable<T>>> slots() {
        return Collections.unmodifiableMap(slots);
    }

    Class<T> type() {
        return ops.type();
    }
}
