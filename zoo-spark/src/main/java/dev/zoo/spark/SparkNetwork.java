package dev.zoo.spark;

import dev.zoo.api.backend.ForwardingNetwork;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.engine.OptimizerSlots;
import dev.zoo.api.weights.Weights;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A network whose training steps run on Spark. Each {@link #trainStep} is one round: the driver
 * broadcasts weights and optimiser state, Spark runs one task per shard of the batch (each loads
 * the state into its own network of the same backend and trains its local steps), and
 * {@code treeReduce} sums the results weighted by each shard's items. The driver keeps a network of
 * its own for evaluation, checkpoints and export; it is brought up to date only when read.
 *
 * <p>With one local step per round and SGD (momentum, Nesterov, weight decay), averaging after the
 * step equals one step on the whole batch: every worker starts from the same weights and momentum,
 * and the update and new momentum are linear in the gradient, whose batch mean is the items-weighted
 * mean of the shards' means. Batch-norm layers normalise with each shard's own statistics (PyTorch
 * DDP without SyncBatchNorm), and Adam's second moment is not linear, so there it is an approximation.
 */
public final class SparkNetwork extends ForwardingNetwork {

    private final JavaSparkContext spark;
    private final SparkSettings settings;
    private final WorkerJob job;
    private RoundState current;
    private boolean driverBehind;
    private long round;
    private SyncStats stats = SyncStats.NONE;

    SparkNetwork(Network driver, JavaSparkContext spark, SparkSettings settings, WorkerJob job) {
        super(driver);
        this.spark = spark;
        this.settings = settings;
        this.job = job;
    }

    static SparkNetwork create(Network driver, JavaSparkContext spark, SparkSettings settings, NetworkOptions options) {
        String run = UUID.randomUUID().toString();
        return new SparkNetwork(driver, spark, settings, WorkerJob.of(run, driver.backendId(), driver.architecture(),
                options));
    }

    @Override
    public double trainStep(Batch batch, double learningRate) {
        RoundState start = state();
        List<Shard> shards = Shard.split(round, batch, settings.workers(), settings.syncEvery(), learningRate);
        long t0 = System.nanoTime();
        Broadcast<RoundState> shared = spark.broadcast(start);
        ShardResult sum;
        try {
            sum = spark.parallelize(shards, shards.size())
                    .map(new ShardTrainer(shared, job, settings.hook(), batch.size()))
                    .treeReduce(ShardResult::plus);
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw failure(e, batch);
        } finally {
            shared.destroy();
        }
        current = new RoundState(start.weights().withValues(sum.weights()),
                start.optimizer().withValues(wholeStep(start, sum.optimizer())));
        driverBehind = true;
        stats = stats.plus(start.valueBytes() * shards.size(), sum.valueBytes() * shards.size(),
                System.nanoTime() - t0, sum.slowestNanos());
        round++;
        return sum.loss();
    }

    /**
     * The optimiser's {@code step} count, averaged like the rest, is a whole number again (workers
     * with fewer local steps than others in a short last round make it fractional).
     */
    private static float[][] wholeStep(RoundState start, float[][] optimizer) {
        for (int i = 0; i < optimizer.length; i++) {
            if (start.optimizer().name(i).equals(OptimizerSlots.STEP)) {
                optimizer[i][0] = (float) Math.rint(optimizer[i][0]);
            }
        }
        return optimizer;
    }

    private RuntimeException failure(Exception e, Batch batch) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? firstLine(e.getMessage()) : root.getClass().getSimpleName() + ": "
                + firstLine(root.getMessage());
        return new IllegalStateException("spark: round " + round + " (" + batch.size() + " examples on "
                + settings.workers() + " workers of " + job.backendId() + ") failed: " + message, e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The state the next round starts from. */
    private RoundState state() {
        if (current == null) {
            current = RoundState.of(delegate());
        }
        return current;
    }

    /** Loads the last round's result into the driver's network before anything reads it. */
    private void catchUp() {
        if (driverBehind) {
            current.loadInto(delegate());
            driverBehind = false;
        }
    }

    @Override
    public float[] predict(Batch batch) {
        catchUp();
        return delegate().predict(batch);
    }

    @Override
    public Weights exportWeights() {
        catchUp();
        return delegate().exportWeights();
    }

    @Override
    public void importWeights(Weights weights) {
        catchUp();
        delegate().importWeights(weights);
        current = null;
    }

    @Override
    public Weights exportOptimizerState() {
        catchUp();
        return delegate().exportOptimizerState();
    }

    @Override
    public void importOptimizerState(Weights state) {
        catchUp();
        delegate().importOptimizerState(state);
        current = null;
    }

    /** The workers' gradients stay on the workers; the gradient-norm log is empty for a Spark run. */
    @Override
    public Map<String, Double> lastGradientNorms() {
        return Map.of();
    }

    /** Rounds so far and what they cost. */
    public SyncStats syncStats() {
        return stats;
    }

    public SparkSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            WorkerNetworks.closeAll(job.run());
        } finally {
            super.close();
        }
    }
}
