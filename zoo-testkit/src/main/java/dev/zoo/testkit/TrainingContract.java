package dev.zoo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.ForwardingNetwork;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.ArrayBatchSource;
import dev.zoo.api.data.BatchSource;
import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.train.Checkpoint;
import dev.zoo.api.train.CheckpointException;
import dev.zoo.api.train.CheckpointStore;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.NonFiniteException;
import dev.zoo.api.train.StepEvent;
import dev.zoo.api.train.Trainer;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingResult;
import dev.zoo.api.train.TrainingState;
import dev.zoo.api.weights.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every backend must do when trained by the neutral loop: the same seed gives the same
 * losses, a run resumed from a checkpoint in a fresh process equals an uninterrupted one bit for
 * bit, a NaN input or an exploding loss stops training at its step naming the backend, a checkpoint save that fails
 * halfway leaves the previous one loadable, and two networks train on two threads at once as they do alone. A backend runs it by extending this class in its tests
 * and implementing {@link #backend()}; the subclass needs a no-argument constructor, since the
 * fresh process builds its own instance.
 */
public abstract class TrainingContract {

    /** Examples in the synthetic training set: 8 batches of 4. */
    protected static final int EXAMPLES = 32;

    @TempDir
    protected Path dir;

    /** The backend under test. */
    protected abstract Backend backend();

    /** A small network with every stateful kind a resume must carry: conv, batch norm, pooling, dense. */
    protected Architecture architecture() {
        return new Architecture("contract_cnn", "training contract network", Shape.chw(1, 8, 8), 3,
                Sequential.of("net", Conv2d.of("conv", 4, 3, 1, 1), BatchNorm.of("bn"), Activation.relu("relu"),
                        Pool.max("pool", 2, 2), new Flatten("flatten"), Dense.of("fc", 3)));
    }

    /** Nesterov momentum with weight decay, so the optimiser state matters, and a warm-up then cosine decay. */
    protected TrainingConfig config() {
        return TrainingConfig.builder().epochs(2).batchSize(4).seed(7)
                .optimizer(new Optimizer.Sgd(0.9, true, 5e-4))
                .schedule(new LearningRateSchedule.Cosine(0.05, 3, 0.0))
                .evaluateEachEpoch(false).build();
    }

    protected BatchSource data() {
        Architecture a = architecture();
        return SyntheticImages.of(a.input(), a.classes(), EXAMPLES, config().seed(), true);
    }

    protected Network compile() {
        TrainingConfig c = config();
        return backend().compile(architecture(), NetworkOptions.defaults().withOptimizer(c.optimizer()).withSeed(c.seed()));
    }

    @Test
    void theSameSeedGivesIdenticalLosses() {
        TrainingConfig c = config().toBuilder().maxSteps(6).build();
        List<Double> first;
        List<Double> second;
        try (Network a = compile(); Network b = compile()) {
            first = new Trainer(a, c).fit(data(), null).stepLosses();
            second = new Trainer(b, c).fit(data(), null).stepLosses();
            assertThat(b.exportWeights()).isEqualTo(a.exportWeights());
        }
        assertThat(first).hasSize(6).isEqualTo(second);
        assertThat(first).as("losses change as the network trains").doesNotHaveDuplicates();
    }

    @Test
    void tenStepsStraightEqualFiveStepsThenAFreshProcessResumingForFive() throws Exception {
        List<Double> straight;
        Weights straightWeights;
        try (Network n = compile()) {
            straight = new Trainer(n, config().toBuilder().maxSteps(10).build()).fit(data(), null).stepLosses();
            straightWeights = n.exportWeights();
        }
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 2);
        List<Double> joined = new ArrayList<>();
        try (Network n = compile()) {
            TrainingResult first = new Trainer(n, config().toBuilder().maxSteps(5).build()).checkpoints(store)
                    .fit(data(), null);
            joined.addAll(first.stepLosses());
        }
        FreshProcessResume.Outcome rest = FreshProcessResume.run(getClass(), store.directory(), 10, dir.resolve("resumed"));
        joined.addAll(rest.losses());
        assertThat(joined).as("losses of 5 steps, then 5 more in a fresh process").isEqualTo(straight).hasSize(10);
        assertThat(rest.weights()).isEqualTo(straightWeights);
    }

    @Test
    void aNanInTheInputStopsTrainingAtItsStepNamingTheBackend() {
        Architecture a = architecture();
        float[] x = SyntheticImages.images(a.input(), a.classes(), EXAMPLES);
        int item = (int) a.input().size();
        x[9 * item + item / 2] = Float.NaN; // example 9 is in batch 2 of 4-example batches in stored order
        BatchSource poisoned = new ArrayBatchSource(x, SyntheticImages.labels(a.classes(), EXAMPLES), a.input(),
                SyntheticImages.names(a.classes()), config().seed(), false);
        CheckpointStore store = new CheckpointStore(dir, 3);
        try (Network n = compile()) {
            Trainer trainer = new Trainer(n, config().toBuilder().checkpointEverySteps(1).build()).checkpoints(store);
            assertThatThrownBy(() -> trainer.fit(poisoned, null))
                    .isInstanceOfSatisfying(NonFiniteException.class, e -> assertThat(e.step()).isEqualTo(2))
                    .hasMessageContaining("backend " + backend().id()).hasMessageContaining("input of step 2");
        }
        Checkpoint last = CheckpointStore.load(dir);
        assertThat(last.state().step()).isEqualTo(2);
        last.weights().asMap().forEach((name, t) -> {
            for (float v : t.data()) {
                assertThat(Float.isFinite(v)).as("%s in the last good checkpoint", name).isTrue();
            }
        });
    }

    @Test
    void anExplodingLearningRateStopsAtTheFirstNonFiniteLoss() {
        TrainingConfig c = config().toBuilder().optimizer(Optimizer.Sgd.plain())
                .schedule(new LearningRateSchedule.Constant(1e30)).build();
        List<Double> losses = new ArrayList<>();
        try (Network n = compile()) {
            Trainer trainer = new Trainer(n, c).listener(new TrainingListener() {
                @Override
                public void onStep(StepEvent e) {
                    losses.add(e.loss());
                }
            });
            assertThatThrownBy(() -> trainer.fit(data(), null)).isInstanceOf(NonFiniteException.class)
                    .hasMessageContaining("backend " + backend().id() + ": loss is");
        }
        assertThat(losses).as("finite losses before the guard stopped training").hasSizeLessThan(5)
                .allSatisfy(l -> assertThat(Double.isFinite(l)).isTrue());
    }

    private static TrainingState next(TrainingState s) {
        return new TrainingState(s.backendId(), s.architecture(), s.step() + 1, s.epoch(), s.nextBatch() + 1, s.seed());
    }

    /**
     * Data-parallel training (zoo-spark in {@code local[N]}) trains several networks of one backend
     * in one JVM, each on a thread the backend has not seen before: each must end where it ends
     * alone, neither failing on engine state shared across the JVM nor mixed up with the other.
     */
    @Test
    void twoNetworksTrainedOnTwoNewThreadsAtOnceEndWhereTheyEndOneAfterTheOther() throws Exception {
        Architecture a = architecture();
        List<BatchSource> sources = List.of(data(), SyntheticImages.of(a.input(), a.classes(), EXAMPLES,
                config().seed() + 1, true));
        Callable<List<Weights>> oneAfterTheOther = () -> List.of(trainAlone(sources.get(0)), trainAlone(sources.get(1)));
        List<Weights> expected = oneAfterTheOther.call();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Weights>> atOnce = List.of(threads.submit(() -> trainAlone(sources.get(0))),
                    threads.submit(() -> trainAlone(sources.get(1))));
            for (int i = 0; i < 2; i++) {
                assertThat(atOnce.get(i).get()).as("network %d trained on its own thread while another trained", i)
                        .isEqualTo(expected.get(i));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private Weights trainAlone(BatchSource source) {
        try (Network n = compile()) {
            new Trainer(n, config().toBuilder().maxSteps(6).build()).fit(source, null);
            return n.exportWeights();
        }
    }

    @Test
    void aCheckpointSaveThatFailsHalfwayLeavesThePreviousOneLoadable() {
        CheckpointStore store = new CheckpointStore(dir, 2);
        try (Network n = compile()) {
            TrainingResult r = new Trainer(n, config().toBuilder().maxSteps(3).build()).checkpoints(store).fit(data(), null);
            Weights good = n.exportWeights();
            Network failing = new ForwardingNetwork(n) {
                @Override
                public Weights exportOptimizerState() {
                    throw new IllegalStateException("simulated failure after the weights were written");
                }
            };
            assertThatThrownBy(() -> store.save(next(r.state()), failing)).isInstanceOf(CheckpointException.class)
                    .hasMessageContaining("previous checkpoint is kept");
            Checkpoint loaded = CheckpointStore.load(dir);
            assertThat(loaded.state().step()).isEqualTo(3);
            assertThat(loaded.weights()).isEqualTo(good);
            try (Network fresh = compile()) {
                fresh.importWeights(loaded.weights());
                fresh.importOptimizerState(loaded.optimizerState());
                assertThat(fresh.exportWeights()).isEqualTo(good);
            }
        }
    }
}
