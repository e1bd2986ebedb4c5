package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.ForwardingNetwork;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.ArrayBatchSource;
import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchSource;
import dev.zoo.api.spec.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final SoftmaxRegressionBackend BACKEND = new SoftmaxRegressionBackend();

    @TempDir
    Path dir;

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder().epochs(3).batchSize(4).seed(11)
                .optimizer(new Optimizer.Sgd(0.9, true, 1e-4))
                .schedule(new LearningRateSchedule.Cosine(0.5, 3, 0.0));
    }

    private static Network network(TrainingConfig c) {
        return BACKEND.compile(SoftmaxRegressionBackend.architecture(),
                NetworkOptions.defaults().withOptimizer(c.optimizer()).withSeed(c.seed()));
    }

    @Test
    void trainingLowersTheLossAndScoresTheTestSplit() {
        TrainingConfig c = config().epochs(20).build();
        BatchSource data = SoftmaxRegressionBackend.data(c.seed(), true);
        TrainingResult r = new Trainer(network(c), c).fit(data, data);
        assertThat(r.finished()).isTrue();
        assertThat(r.stepLosses()).hasSize(20 * 6);
        assertThat(r.epochs()).hasSize(20);
        assertThat(r.epochs().get(19).trainLoss()).isLessThan(r.epochs().get(0).trainLoss() / 2);
        assertThat(r.lastEvaluation().top1()).isGreaterThan(0.8);
        assertThat(r.lastEvaluation().top5()).isEqualTo(1.0);
        assertThat(r.state()).isEqualTo(new TrainingState(SoftmaxRegressionBackend.ID, "softmax", 120, 20, 0, 11));
    }

    @Test
    void progressAndEpochLinesMeasureThroughputAlikeOverTheEpochAlone() {
        TrainingConfig c = config().epochs(2).build();
        BatchSource data = SoftmaxRegressionBackend.data(c.seed(), true);
        List<StepEvent> steps = new ArrayList<>();
        List<EpochEvent> epochs = new ArrayList<>();
        Trainer trainer = new Trainer(network(c), c).listener(new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                steps.add(e);
            }

            @Override
            public void onEpochEnd(EpochEvent e) {
                epochs.add(e);
                sleep(400); // time between epochs (evaluation, checkpoints) is no epoch's training time
            }
        });

        trainer.fit(data, data);

        StepEvent lastOfSecond = steps.get(steps.size() - 1);
        assertThat(lastOfSecond.epoch()).isEqualTo(1);
        double secondEpoch = epochs.get(1).imagesPerSecond();
        // 6 steps of 4 images take well under a millisecond; counting the 400 ms pause would read < 120 img/s
        assertThat(lastOfSecond.imagesPerSecond()).isGreaterThan(1_000).isBetween(secondEpoch / 2, secondEpoch * 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameSeedGivesIdenticalLossesAndAnotherSeedDoesNot() {
        TrainingConfig c = config().build();
        List<Double> a = new Trainer(network(c), c).fit(SoftmaxRegressionBackend.data(11, true), null).stepLosses();
        List<Double> b = new Trainer(network(c), c).fit(SoftmaxRegressionBackend.data(11, true), null).stepLosses();
        TrainingConfig other = config().seed(12).build();
        List<Double> d = new Trainer(network(other), other).fit(SoftmaxRegressionBackend.data(12, true), null).stepLosses();
        assertThat(a).isEqualTo(b).hasSize(18);
        assertThat(d).isNotEqualTo(a);
    }

    @Test
    void tenStepsStraightEqualFiveStepsThenCheckpointThenResumeForFive() {
        for (Optimizer opt : List.of(new Optimizer.Sgd(0.9, true, 1e-4), Optimizer.Adam.defaults())) {
            TrainingConfig c = config().optimizer(opt).build();
            Network straight = network(c);
            List<Double> all = new Trainer(straight, c.toBuilder().maxSteps(10).build())
                    .fit(SoftmaxRegressionBackend.data(11, true), null).stepLosses();

            CheckpointStore store = new CheckpointStore(dir.resolve(opt.getClass().getSimpleName()), 2);
            TrainingResult first = new Trainer(network(c), c.toBuilder().maxSteps(5).build()).checkpoints(store)
                    .fit(SoftmaxRegressionBackend.data(11, true), null);
            assertThat(first.finished()).isFalse();
            assertThat(first.state().step()).isEqualTo(5);
            Checkpoint saved = CheckpointStore.load(store.directory());
            assertThat(saved.state()).isEqualTo(new TrainingState(SoftmaxRegressionBackend.ID, "softmax", 5, 0, 5, 11));

            Network resumed = network(c);
            TrainingResult second = new Trainer(resumed, c.toBuilder().maxSteps(10).build())
                    .resume(SoftmaxRegressionBackend.data(11, true), null, saved);

            List<Double> joined = new ArrayList<>(first.stepLosses());
            joined.addAll(second.stepLosses());
            assertThat(joined).as(opt.toString()).isEqualTo(all).hasSize(10);
            assertThat(resumed.exportWeights()).isEqualTo(straight.exportWeights());
            assertThat(resumed.exportOptimizerState()).isEqualTo(straight.exportOptimizerState());
        }
    }

    @Test
    void aNanInTheInputStopsAtThatStepNamingTheStepAndBackendAndKeepsTheLastCheckpoint() {
        TrainingConfig c = config().checkpointEverySteps(2).build();
        ArrayBatchSource clean = SoftmaxRegressionBackend.data(11, false);
        float[] x = new float[24 * 4];
        int[] y = new int[24];
        try (var it = clean.batches(0, 24, 0)) {
            var all = it.next();
            System.arraycopy(all.images(), 0, x, 0, x.length);
            System.arraycopy(all.labels(), 0, y, 0, y.length);
        }
        x[4 * 13 + 2] = Float.NaN; // example 13 is in batch 3 (step 3) when served in order
        BatchSource poisoned = new ArrayBatchSource(x, y, Shape.chw(1, 2, 2), clean.classNames(), 11, false);
        CheckpointStore store = new CheckpointStore(dir, 2);
        List<Long> steps = new ArrayList<>();
        Trainer trainer = new Trainer(network(c), c).checkpoints(store).listener(new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                steps.add(e.step());
            }
        });
        assertThatThrownBy(() -> trainer.fit(poisoned, null))
                .isInstanceOfSatisfying(NonFiniteException.class, e -> assertThat(e.step()).isEqualTo(3))
                .hasMessageContaining("backend " + SoftmaxRegressionBackend.ID)
                .hasMessageContaining("input of step 3 (epoch 0, batch 3) is NaN at example 1, value 2")
                .hasMessageContaining("step-000000000002");
        assertThat(steps).containsExactly(0L, 1L, 2L);
        Checkpoint last = CheckpointStore.load(dir);
        assertThat(last.state().step()).isEqualTo(2);
        for (float v : last.weights().get("fc.weight").data()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void aNonFiniteLossStopsAtThatStepBeforeAnyListenerSeesIt() {
        TrainingConfig c = config().build();
        Network diverging = new ForwardingNetwork(network(c)) {
            private int steps;

            @Override
            public double trainStep(Batch batch, double learningRate) {
                double loss = super.trainStep(batch, learningRate);
                return ++steps == 5 ? Double.POSITIVE_INFINITY : loss;
            }
        };
        List<Long> steps = new ArrayList<>();
        Trainer trainer = new Trainer(diverging, c).listener(new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                steps.add(e.step());
            }
        });
        assertThatThrownBy(() -> trainer.fit(SoftmaxRegressionBackend.data(11, true), null))
                .isInstanceOf(NonFiniteException.class)
                .hasMessageContaining("backend test-softmax: loss is Infinity at step 4 (epoch 0, batch 4)")
                .hasMessageContaining("No checkpoint was written");
        assertThat(steps).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void gradientNormsReachListenersAtTheConfiguredInterval() {
        TrainingConfig c = config().epochs(1).gradientNormEverySteps(2).build();
        List<Long> at = new ArrayList<>();
        Network network = network(c);
        new Trainer(network, c).listener(new TrainingListener() {
            @Override
            public void onGradientNorms(long step, Map<String, Double> norms) {
                assertThat(norms.keySet()).containsExactly("fc.weight", "fc.bias");
                assertThat(norms.values()).allSatisfy(n -> assertThat(n).isPositive());
                at.add(step);
            }
        }).fit(SoftmaxRegressionBackend.data(11, true), null);
        assertThat(at).containsExactly(1L, 3L, 5L);
        assertThat(((SoftmaxRegressionBackend.SoftmaxNetwork) network).normSteps)
                .as("the steps whose norms the trainer asked the network to compute").containsExactly(1L, 3L, 5L);
    }

    @Test
    void theLearningRateOfEachStepComesFromTheSchedule() {
        TrainingConfig c = config().epochs(2).build();
        List<Double> rates = new ArrayList<>();
        new Trainer(network(c), c).listener(new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                rates.add(e.learningRate());
                assertThat(e.totalSteps()).isEqualTo(12);
            }
        }).fit(SoftmaxRegressionBackend.data(11, true), null);
        for (int s = 0; s < 12; s++) {
            assertThat(rates.get(s)).isEqualTo(c.schedule().rate(s, 12));
        }
    }

    @Test
    void dataOfAnotherShapeIsRefusedBeforeTheFirstStep() {
        TrainingConfig c = config().build();
        BatchSource wrong = new ArrayBatchSource(new float[9], new int[] {0}, Shape.chw(1, 3, 3), List.of("a", "b", "c"),
                1, false);
        assertThatThrownBy(() -> new Trainer(network(c), c).fit(wrong, null))
                .hasMessageContaining("1x3x3").hasMessageContaining("1x2x2");
    }

    @Test
    void resumingWithAnotherSeedIsRefused() {
        TrainingConfig c = config().maxSteps(2).build();
        CheckpointStore store = new CheckpointStore(dir, 1);
        new Trainer(network(c), c).checkpoints(store).fit(SoftmaxRegressionBackend.data(11, true), null);
        TrainingConfig other = config().seed(99).build();
        assertThatThrownBy(() -> new Trainer(network(other), other)
                .resume(SoftmaxRegressionBackend.data(99, true), null, CheckpointStore.load(dir)))
                .hasMessageContaining("seed 11").hasMessageContaining("seed 99");
    }
}
