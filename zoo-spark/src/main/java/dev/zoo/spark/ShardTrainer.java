package dev.zoo.spark;

import dev.zoo.api.backend.Network;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task of a round: borrow this JVM's network of the run, load the broadcast state, train the
 * shard's local steps at the round's learning rate, and return the weights and optimiser state
 * scaled by the shard's share of the round's items. A task that fails leaves its network closed
 * rather than pooled, so a retry starts from a fresh network and the broadcast state.
 */
final class ShardTrainer implements Function<Shard, ShardResult> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<RoundState> start;
    private final WorkerJob job;
    private final TaskHook hook;
    private final int roundItems;

    ShardTrainer(Broadcast<RoundState> start, WorkerJob job, TaskHook hook, int roundItems) {
        this.start = start;
        this.job = job;
        this.hook = hook;
        this.roundItems = roundItems;
    }

    @Override
    public ShardResult call(Shard shard) {
        TaskContext task = TaskContext.get();
        hook.beforeShard(shard.round(), shard.index(), task == null ? 0 : task.attemptNumber());
        RoundState state = start.value();
        Network network = WorkerNetworks.borrow(job);
        try {
            long t0 = System.nanoTime();
            state.loadInto(network);
            double loss = 0;
            for (int s = 0; s < shard.stepSizes().length; s++) {
                loss += shard.stepSizes()[s] * network.trainStep(shard.step(s), shard.learningRate());
            }
            float[][] weights = state.weights().valuesOf(network.exportWeights(), job.backendId() + " worker weights");
            float[][] optimizer = state.optimizer().valuesOf(network.exportOptimizerState(),
                    job.backendId() + " worker optimizer state");
            long nanos = System.nanoTime() - t0;
            double share = (double) shard.size() / roundItems;
            ShardResult result = ShardResult.scaled(weights, optimizer, share, loss / shard.size(), shard.size(), nanos);
            WorkerNetworks.giveBack(job, network);
            return result;
        } catch (RuntimeException | Error e) {
            network.close();
            throw e;
        }
    }
}
