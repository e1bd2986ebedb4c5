package dev.zoo.dl4j;

import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.backend.InputChecks;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.Weights;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A zoo architecture compiled into a DL4J {@link ComputationGraph}. DL4J computes the loss and
 * gradients; the update, the batch-norm running statistics and the dropout seed follow PyTorch's
 * definitions (see {@link FlatOptimizer}, {@link RunningStatistics}) so that the same weights and
 * batch give the same numbers as the other backends.
 */
final class Dl4jNetwork implements Network {

    private final Architecture architecture;
    private final NetworkOptions options;
    private final Dl4jCompiler.Compiled compiled;
    private final ComputationGraph graph;
    private final ParameterTable table;
    private final RunningStatistics statistics;
    private final FlatOptimizer optimizer;
    private final DataType dataType;
    private boolean closed;
    private Map<String, Double> lastGradientNorms = Map.of();
    /** Batch size of the last step whose gradient norms are still to be computed, or 0. */
    private int normsPendingForBatch;
    /** How many times the norms were computed (tests hold them to "only when asked"). */
    int gradientNormPasses;
    /** The last batch's images, rewritten in place by the next batch of the same shape. */
    private INDArray input;

    Dl4jNetwork(Architecture architecture, NetworkOptions options) {
        this.architecture = architecture;
        this.options = options;
        this.dataType = options.precision() == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
        this.compiled = Dl4jCompiler.compile(architecture, options.precision(), options.seed());
        this.graph = new ComputationGraph(compiled.configuration());
        graph.init();
        LayerHelpers.install(graph, java.util.Set.copyOf(compiled.reluFused()));
        this.table = new ParameterTable(architecture, graph);
        this.statistics = new RunningStatistics(architecture, table);
        this.optimizer = new FlatOptimizer(options.optimizer(), table, graph.params());
        importWeights(Initializer.seeded(architecture, options.seed()));
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    @Override
    public String backendId() {
        return Dl4jBackend.ID;
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        requireOpen();
        InputChecks.batch(Dl4jBackend.ID, architecture, batch);
        InputChecks.learningRate(Dl4jBackend.ID, architecture, learningRate);
        // Dropout masks come from ND4J's thread RNG: seeding it from (seed, step) makes a run
        // repeatable and a resumed run draw the same masks as an uninterrupted one.
        Nd4j.getRandom().setSeed(options.seed() * 1_000_003L + optimizer.step());
        // The previous step's norms are only worth computing if someone asked for them by now.
        normsPendingForBatch = 0;
        lastGradientNorms = Map.of();
        double loss = lossAndGradients(batch);
        if (!Double.isFinite(loss) || !Double.isFinite(graph.getFlattenedGradients().sumNumber().doubleValue())) {
            // libnd4j's ReLU and max pooling turn NaN into finite numbers, so a NaN in the input can
            // leave the loss finite while the gradients are not. PyTorch would report NaN: so do we,
            // and the parameters stay as they were for the training loop's guard.
            return Double.NaN;
        }
        // The norms are computed when asked for (the trainer asks every few steps; a reduction per
        // tensor every step cost the lesson CNN 5-8% of its speed), from this gradient, which stays
        // in place until the next forward-backward pass.
        normsPendingForBatch = batch.size();
        statistics.update(batch.size(), graph.getFlattenedGradients());
        optimizer.apply(graph.params(), graph.getFlattenedGradients(), batch.size(), learningRate);
        return loss;
    }

    /** L2 norm of each trainable tensor's gradient of the mean loss (DL4J's is of the summed loss). */
    private Map<String, Double> gradientNorms(INDArray flatGradient, int batchSize) {
        gradientNormPasses++;
        Map<String, Double> out = new LinkedHashMap<>();
        for (ParameterSlot slot : table.slots()) {
            if (slot.spec().trainable()) {
                out.put(slot.name(), slot.in(flatGradient).norm2Number().doubleValue() / batchSize);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, Double> lastGradientNorms() {
        if (normsPendingForBatch > 0) {
            lastGradientNorms = gradientNorms(graph.getFlattenedGradients(), normsPendingForBatch);
            normsPendingForBatch = 0;
        }
        return lastGradientNorms;
    }

    /** Training-mode forward and backward pass; parameters and running statistics stay as they were. */
    double lossAndGradients(Batch batch) {
        lastGradientNorms(); // a gradient probe between steps: before the gradient they come from is overwritten
        statistics.save();
        graph.setInputs(features(batch));
        graph.setLabels(labels(batch));
        graph.computeGradientAndScore();
        graph.clearLayersStates();
        return graph.score();
    }

    /** Training-mode loss without the backward pass (dropout is the caller's business). */
    double trainingModeLoss(Batch batch) {
        statistics.save(); // the caller restores them: a training-mode pass must not move them
        return graph.score(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features(batch)},
                new INDArray[] {labels(batch)}), true);
    }

    @Override
    public float[] predict(Batch batch) {
        requireOpen();
        InputChecks.batch(Dl4jBackend.ID, architecture, batch);
        INDArray logits = graph.output(List.of(compiled.logits()), false, new INDArray[] {features(batch)}, null)[0];
        return logits.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public Weights exportWeights() {
        requireOpen();
        return table.read(graph.params(), false, "");
    }

    @Override
    public void importWeights(Weights weights) {
        requireOpen();
        InputChecks.weights(Dl4jBackend.ID, architecture, weights);
        table.write(graph.params(), weights, false, "");
    }

    @Override
    public Weights exportOptimizerState() {
        requireOpen();
        return optimizer.export();
    }

    @Override
    public void importOptimizerState(Weights state) {
        requireOpen();
        optimizer.restore(state);
    }

    @Override
    public GradientProbe gradientProbe() {
        requireOpen();
        if (dataType != DataType.DOUBLE) {
            throw new UnsupportedOperationException("dl4j: gradient probe needs a network compiled at FLOAT64, this one is "
                    + options.precision());
        }
        return new Dl4jGradientProbe(this);
    }

    ComputationGraph graph() {
        return graph;
    }

    ParameterTable table() {
        return table;
    }

    RunningStatistics statistics() {
        return statistics;
    }

    List<String> dropouts() {
        return compiled.dropouts();
    }

    private INDArray features(Batch batch) {
        Shape s = batch.itemShape();
        long[] shape = s.isImage() ? new long[] {batch.size(), s.channels(), s.height(), s.width()}
                : new long[] {batch.size(), s.dim(0)};
        if (input == null || !java.util.Arrays.equals(input.shape(), shape)) {
            if (input != null) {
                input.close();
            }
            // outside any workspace a caller may have open, which would reclaim it when reset
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                input = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
            }
        }
        // one bulk copy into native memory kept from the last batch of this shape, instead of a
        // fresh buffer filled value by value (4% of a lesson-CNN step). A network runs one call at a
        // time, and DL4J's CPU backend is done with the previous batch when it returns. On CUDA the
        // copy lands in the host buffer, which is then marked as the newest for the device to fetch.
        input.data().asNioFloat().put(0, batch.images());
        Nd4j.getAffinityManager().tagLocation(input, AffinityManager.Location.HOST);
        return dataType == DataType.FLOAT ? input : input.castTo(dataType);
    }

    private INDArray labels(Batch batch) {
        INDArray y = Nd4j.zeros(dataType, batch.size(), architecture.classes());
        int[] labels = batch.labels();
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("dl4j: network " + architecture.name() + " is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                lastGradientNorms(); // still answerable after close, without touching freed native memory
            } finally {
                graph.close();
                if (input != null) {
                    input.close();
                }
            }
        }
    }
}
