package dev.zoo.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.backend.InputChecks;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A zoo architecture compiled into DJL blocks on one engine and device. Every step runs in its own
 * {@link NDManager} and {@link NDScope}, so the tensors of a step are freed when it ends and memory
 * stays flat over long runs.
 */
final class DjlNetwork implements Network {

    private final Architecture architecture;
    private final String backendId;
    private final NDManager manager;
    private final CompiledBlock compiled;
    private final DataType dataType;
    private final ParameterStore store;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final NdOptimizer update;
    private final GradientReset gradientReset;
    private Map<String, Double> lastGradientNorms = Map.of();
    private boolean recordNorms = true;
    /**
     * PyTorch carries a NaN input through to the loss. MXNet's ReLU and max pooling turn it into
     * numbers, so its loss and gradients could come out finite: there the batch is scanned first.
     */
    private final boolean nanReachesTheLoss;
    /** On MXNet: copies between Java and native memory stay serial on the JVM's threads ({@link MxnetOpenMp}). */
    private final boolean mxnet;
    /**
     * On MXNet, each parameter's gradient array, taken once: closing an MXNet array waits until its
     * pending writes are done, so a gradient taken and closed in every step made the step wait for
     * its backward pass, where otherwise the next batch is prepared while the engine's threads still
     * run it. Null on PyTorch, which may replace a gradient tensor.
     */
    private final List<NDArray> keptGradients;
    /** Images enter in NHWC memory under their NCHW shape ({@link ChannelsLast}). */
    private final boolean channelsLast;
    /** The convolution weights kept channels-last: all of them with channels-last images, else none. */
    private final Set<String> channelsLastWeights;
    /** Where channels-last batches are laid out for libtorch, one at a time. */
    private final ChannelsLast.Staging staging = new ChannelsLast.Staging();

    DjlNetwork(Architecture architecture, String backendId, NDManager manager, CompiledBlock compiled,
            DataType dataType, Optimizer optimizer, GradientReset gradientReset) {
        this.architecture = architecture;
        this.backendId = backendId;
        this.manager = manager;
        this.compiled = compiled;
        this.dataType = dataType;
        this.gradientReset = gradientReset;
        String engine = manager.getEngine().getEngineName();
        this.nanReachesTheLoss = "PyTorch".equals(engine);
        this.mxnet = "MXNet".equals(engine);
        onThisThread();
        this.channelsLast = ChannelsLast.applies(engine, dataType, architecture.input());
        this.channelsLastWeights = channelsLast ? ChannelsLast.weights(architecture) : Set.of();
        compiled.block().initialize(manager, dataType, new Shape(architecture.input().batchOf(1)));
        this.store = new ParameterStore(manager, false);
        // before the optimizer makes its buffers alike
        channelsLastWeights.forEach(name -> ChannelsLast.write(array(name), array(name).toFloatArray()));
        for (ParameterSpec p : architecture.parameters()) {
            if (p.trainable()) {
                trainable.put(p.name(), array(p.name()));
            }
        }
        this.update = new NdOptimizer(backendId, optimizer, trainable,
                MxnetSgd.of(engine, dataType, optimizer, trainable.values()), channelsLastWeights);
        this.keptGradients = "MXNet".equals(engine)
                ? trainable.values().stream().map(NDArray::getGradient).toList() : null;
    }

    private NDArray array(String name) {
        Parameter parameter = compiled.parameters().get(name);
        return parameter.getArray();
    }

    /** Once per thread that drives this network. */
    private void onThisThread() {
        if (mxnet) {
            MxnetOpenMp.serialOnThisThread();
        }
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public String backendId() {
        return backendId;
    }

    DataType dataType() {
        return dataType;
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        onThisThread();
        InputChecks.batch(backendId, architecture, batch);
        InputChecks.learningRate(backendId, architecture, learningRate);
        try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (!nanReachesTheLoss && batch.firstNonFinite() >= 0) {
                return Double.NaN; // as PyTorch reports it, and nothing changes
            }
            compiled.batchNorms().forEach(ExactBatchNorm::forget); // nothing left from an earlier pass
            double loss;
            List<NDArray> gradients;
            double[] squared;
            try {
                loss = lossAndGradients(step, batch, true);
                gradients = keptGradients != null ? keptGradients
                        : trainable.values().stream().map(NDArray::getGradient).toList();
                squared = recordNorms ? squaredNorms(gradients) : new double[0];
            } catch (RuntimeException e) {
                compiled.batchNorms().forEach(ExactBatchNorm::rollback); // a failed pass changes nothing either
                throw e;
            }
            if (Double.isFinite(loss) && Arrays.stream(squared).allMatch(Double::isFinite)) {
                compiled.batchNorms().forEach(ExactBatchNorm::commit);
                update.beginStep(step, dataType, learningRate);
                int i = 0;
                for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
                    update.apply(e.getKey(), e.getValue(), gradients.get(i++));
                }
                lastGradientNorms = recordNorms ? norms(squared) : Map.of();
            } else {
                // the parameters, optimizer state and running statistics stay as they were
                compiled.batchNorms().forEach(ExactBatchNorm::rollback);
                loss = Double.NaN;
            }
            if (keptGradients == null) {
                gradients.forEach(NDArray::close);
            }
            gradientReset.reset(trainable.values());
            return loss;
        }
    }

    /** The squared L2 norm of each gradient, computed by the engine and fetched in one transfer. */
    private static double[] squaredNorms(List<NDArray> gradients) {
        NDList squares = new NDList();
        gradients.forEach(g -> squares.add(g.square().sum().toType(DataType.FLOAT64, false)));
        return NDArrays.stack(squares).toDoubleArray();
    }

    /** Gradient L2 norms by parameter name, from their squared sums (fetched in one transfer). */
    private Map<String, Double> norms(double[] squared) {
        Map<String, Double> norms = new LinkedHashMap<>();
        int i = 0;
        for (String name : trainable.keySet()) {
            norms.put(name, Math.sqrt(squared[i++]));
        }
        return Collections.unmodifiableMap(norms);
    }

    @Override
    public Map<String, Double> lastGradientNorms() {
        return lastGradientNorms;
    }

    @Override
    public void recordGradientNorms(boolean record) {
        recordNorms = record;
    }

    /** Forward in training mode and backward; gradients are left on the parameters. */
    double lossAndGradients(NDManager step, Batch batch, boolean backward) {
        NDArray x = images(step, batch);
        NDArray target = oneHot(step, batch);
        try (GradientRecording recording = GradientRecording.start(manager.getEngine())) {
            NDArray logits = compiled.block().forward(store, new NDList(x), true).singletonOrThrow();
            NDArray loss = crossEntropy(logits, target);
            // MXNet queues operators and runs them in order: the value taken before the backward
            // pass is ready when the forward pass is, so the step goes on while the engine runs it
            NDArray value = loss.toType(DataType.FLOAT64, false);
            if (backward) {
                recording.backward(loss);
            }
            return value.getDouble();
        }
    }

    /** The batch's images as an array of the network's type and layout, owned by {@code step}. */
    NDArray images(NDManager step, Batch batch) {
        if (channelsLast) {
            List<Integer> chw = batch.itemShape().dims();
            int n = batch.size();
            return staging.array(step, batch.images(), n, chw.get(0), chw.get(1), chw.get(2));
        }
        NDArray x = step.create(batch.images(), new Shape(batch.itemShape().batchOf(batch.size())));
        return dataType == DataType.FLOAT32 ? x : x.toType(dataType, false);
    }

    private NDArray oneHot(NDManager step, Batch batch) {
        int classes = architecture.classes();
        float[] hot = new float[batch.size() * classes];
        for (int i = 0; i < batch.size(); i++) {
            hot[i * classes + batch.labels()[i]] = 1f;
        }
        NDArray y = step.create(hot, new Shape(batch.size(), classes));
        return dataType == DataType.FLOAT32 ? y : y.toType(dataType, false);
    }

    /** Mean softmax cross-entropy of {@code logits} against one-hot {@code target}. */
    private static NDArray crossEntropy(NDArray logits, NDArray target) {
        long n = logits.getShape().get(0);
        return logits.logSoftmax(1).mul(target).sum().neg().div(n);
    }

    @Override
    public float[] predict(Batch batch) {
        onThisThread();
        InputChecks.batch(backendId, architecture, batch);
        try (NDManager step = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logits = compiled.block().forward(store, new NDList(images(step, batch)), false)
                    .singletonOrThrow();
            return NdValues.floats(logits);
        }
    }

    @Override
    public Weights exportWeights() {
        onThisThread();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            out.put(p.name(), new Tensor(p.shape(), NdValues.floats(array(p.name()))));
        }
        return new Weights(out);
    }

    @Override
    public void importWeights(Weights weights) {
        onThisThread();
        InputChecks.weights(backendId, architecture, weights);
        for (ParameterSpec p : architecture.parameters()) {
            NdValues.write(array(p.name()), weights.get(p.name()).data(), channelsLastWeights.contains(p.name()));
        }
    }

    @Override
    public Weights exportOptimizerState() {
        onThisThread();
        return update.exportState();
    }

    @Override
    public void importOptimizerState(Weights state) {
        onThisThread();
        update.importState(state);
    }

    @Override
    public GradientProbe gradientProbe() {
        if (dataType != DataType.FLOAT64) {
            throw new UnsupportedOperationException(backendId + " " + architecture.name()
                    + ": a gradient probe needs a network compiled with precision FLOAT64, this one is " + dataType);
        }
        return new DjlGradientProbe(this);
    }

    /** The optimizer's buffers of every trainable parameter, by its name. */
    Map<String, List<NDArray>> optimizerSlots() {
        return Collections.unmodifiableMap(update.slots());
    }

    Map<String, NDArray> trainableArrays() {
        return trainable;
    }

    Map<String, Parameter> parameters() {
        return compiled.parameters();
    }

    DropoutSwitch dropout() {
        return compiled.dropout();
    }

    NDManager manager() {
        return manager;
    }

    GradientReset gradientReset() {
        return gradientReset;
    }

    @Override
    public void close() {
        manager.close();
    }
}
