package dev.zoo.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.ForwardingNetwork;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.testkit.RandomBatches;
import dev.zoo.testkit.SmallArchitectures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training on a real embedded Spark ({@code local[2,4]}): two workers at batch 16 averaged after
 * every step equal one process at batch 32, a task that fails once is retried to the same weights,
 * and batch norm's per-worker statistics keep the losses close.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkNetworkTest {

    private static final Shape INPUT = Shape.chw(1, 12, 12);
    private static final int CLASSES = 4;
    private static final int STEPS = 6;
    private static final double LR = 0.05;
    /** SGD with everything the rule has: momentum, Nesterov, weight decay. */
    private static final NetworkOptions OPTIONS = NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, true, 5e-4))
            .withSeed(7);

    private JavaSparkContext spark;

    @BeforeAll
    void startSpark() {
        spark = LocalSpark.start();
    }

    @AfterAll
    void stopSpark() {
        spark.stop();
    }

    /** No batch norm, no dropout: the per-step average is exact up to float32 rounding. */
    private static Architecture plainCnn() {
        return new Architecture("plain_cnn", "two convolutions and a dense layer", INPUT, CLASSES, Sequential.of("net",
                Conv2d.of("conv1", 6, 3, 1, 1), Activation.relu("relu1"), new Pool("pool1", PoolType.MAX, 2, 2, 0),
                Conv2d.of("conv2", 8, 3, 1, 1), Activation.relu("relu2"), new Pool("pool2", PoolType.AVG, 2, 2, 0),
                new Flatten("flatten"), Dense.of("fc1", 16), Activation.relu("relu3"), Dense.of("fc2", CLASSES)));
    }

    private static List<Batch> batches(int size) {
        List<Batch> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            out.add(RandomBatches.of(INPUT, CLASSES, size, 100 + s));
        }
        return out;
    }

    private record Trained(List<Double> losses, Weights weights, Weights optimizer) {
    }

    private static Trained train(Backend backend, Architecture architecture, List<Batch> batches) {
        try (Network n = backend.compile(architecture, OPTIONS)) {
            List<Double> losses = new ArrayList<>();
            for (Batch b : batches) {
                losses.add(n.trainStep(b, LR));
            }
            return new Trained(losses, n.exportWeights(), n.exportOptimizerState());
        }
    }

    private SparkBackend onSpark(String id, SparkSettings settings) {
        return new SparkBackend(Backends.get(id), spark, settings);
    }

    private static void assertClose(Weights actual, Weights expected, String what) {
        assertThat(actual.names()).as(what + " names").containsExactlyElementsOf(expected.names());
        for (Map.Entry<String, Tensor> e : expected.asMap().entrySet()) {
            float[] b = e.getValue().data();
            float[] a = actual.get(e.getKey()).data();
            for (int i = 0; i < b.length; i++) {
                double tolerance = 1e-5 + 1e-3 * Math.abs(b[i]);
                assertThat((double) a[i]).as("%s %s[%d]", what, e.getKey(), i).isCloseTo(b[i],
                        Offset.offset(tolerance));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"djl-pytorch", "dl4j"})
    void twoWorkersAtBatch16AveragedEveryStepEqualOneProcessAtBatch32(String id) {
        List<Batch> batches = batches(32);
        Trained single = train(Backends.get(id), plainCnn(), batches);
        Trained parallel = train(onSpark(id, new SparkSettings(2, 1)), plainCnn(), batches);

        assertClose(parallel.weights(), single.weights(), id + " weights");
        assertClose(parallel.optimizer(), single.optimizer(), id + " momentum");
        for (int s = 0; s < STEPS; s++) {
            assertThat(parallel.losses().get(s)).as("loss of step %d", s).isCloseTo(single.losses().get(s),
                    Offset.offset(1e-5 + 1e-4 * single.losses().get(s)));
        }
        // the network really trained: the weights moved away from the start
        try (Network fresh = Backends.get(id).compile(plainCnn(), OPTIONS)) {
            assertThat(parallel.weights()).isNotEqualTo(fresh.exportWeights());
        }
    }

    /**
     * One worker with three local steps per round takes the steps one process takes on the same
     * thirds of the round's batch at the round's learning rate: the round machinery (state in, local
     * steps, state out) adds nothing, to the last bit.
     */
    @Test
    void aRoundOfLocalStepsOnOneWorkerIsThoseStepsInOneProcess() {
        List<Batch> steps = batches(8);
        List<Batch> rounds = List.of(concat(steps.subList(0, 3)), concat(steps.subList(3, 6)));
        Trained single = train(Backends.get("djl-pytorch"), plainCnn(), steps);
        Trained spark = train(onSpark("djl-pytorch", new SparkSettings(1, 3)), plainCnn(), rounds);
        assertThat(spark.weights()).isEqualTo(single.weights());
        assertThat(spark.optimizer()).isEqualTo(single.optimizer());
    }

    private static Batch concat(List<Batch> batches) {
        int n = batches.stream().mapToInt(Batch::size).sum();
        int item = Math.toIntExact(INPUT.size());
        float[] images = new float[n * item];
        int[] labels = new int[n];
        int at = 0;
        for (Batch b : batches) {
            System.arraycopy(b.images(), 0, images, at * item, b.size() * item);
            System.arraycopy(b.labels(), 0, labels, at, b.size());
            at += b.size();
        }
        return new Batch(images, labels, n, INPUT);
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptIsRetriedToTheSameWeights() {
        List<Batch> batches = batches(32);
        Trained undisturbed = train(onSpark("djl-pytorch", new SparkSettings(2, 1)), plainCnn(), batches);
        TaskHook failOnce = (round, shard, attempt) -> {
            if (round == 2 && shard == 1 && attempt == 0) {
                throw new IllegalStateException("injected failure of round 2, shard 1, first attempt");
            }
        };
        Trained retried = train(onSpark("djl-pytorch", new SparkSettings(2, 1, failOnce)), plainCnn(), batches);

        assertThat(retried.weights()).isEqualTo(undisturbed.weights());
        assertThat(retried.optimizer()).isEqualTo(undisturbed.optimizer());
        assertThat(retried.losses()).isEqualTo(undisturbed.losses());
    }

    @Test
    void aTaskThatAlwaysFailsFailsTheRunWithOneLineNamingTheRound() {
        TaskHook broken = (round, shard, attempt) -> {
            throw new IllegalStateException("worker has no GPU");
        };
        try (Network n = onSpark("djl-pytorch", new SparkSettings(2, 1, broken)).compile(plainCnn(), OPTIONS)) {
            assertThatThrownBy(() -> n.trainStep(RandomBatches.of(INPUT, CLASSES, 8, 1), LR))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("spark: round 0 (8 examples on 2 workers of djl-pytorch) failed: ")
                    .hasMessageContaining("worker has no GPU")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    /** A backend the driver has but the workers lack: the run stops with Backends' one line naming it. */
    @Test
    void aBackendMissingOnTheWorkersFailsTheRunWithOneLineNamingIt() {
        Backend djl = Backends.get("djl-pytorch");
        Backend driverOnly = new Backend() {
            @Override
            public String id() {
                return "driver-only";
            }

            @Override
            public String description() {
                return "djl-pytorch under another id, registered nowhere";
            }

            @Override
            public void check(Architecture architecture) {
                djl.check(architecture);
            }

            @Override
            public Network compile(Architecture architecture, NetworkOptions options) {
                return new ForwardingNetwork(djl.compile(architecture, options)) {
                    @Override
                    public String backendId() {
                        return "driver-only";
                    }
                };
            }
        };
        try (Network n = new SparkBackend(driverOnly, spark, new SparkSettings(2, 1)).compile(plainCnn(), OPTIONS)) {
            assertThatThrownBy(() -> n.trainStep(RandomBatches.of(INPUT, CLASSES, 8, 1), LR))
                    .hasMessageStartingWith("spark: round 0 (8 examples on 2 workers of driver-only) failed: "
                            + "IllegalArgumentException: backend 'driver-only' is not on the classpath; available: ")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    /**
     * Batch norm normalises each worker's 16 examples by their own statistics: close to, not equal
     * to, batch 32 (measured: at most 0.02% apart over these 6 steps).
     */
    @Test
    void withBatchNormTheLossesFollowOneProcessWithinOnePercent() {
        Architecture resLike = SmallArchitectures.resLike(INPUT, CLASSES);
        List<Batch> batches = batches(32);
        Trained single = train(Backends.get("djl-pytorch"), resLike, batches);
        Trained parallel = train(onSpark("djl-pytorch", new SparkSettings(2, 1)), resLike, batches);
        for (int s = 0; s < STEPS; s++) {
            assertThat(parallel.losses().get(s)).as("loss of step %d", s)
                    .isCloseTo(single.losses().get(s), Percentage.withPercentage(1));
        }
    }
}
