package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Weights;
import dev.zoo.testkit.RandomBatches;
import dev.zoo.testkit.SmallArchitectures;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two networks trained on two new threads at once (as Spark's task threads do in local mode) end
 * with the weights they reach one after the other on one thread: DJL's one-collector-per-JVM rule
 * neither fails them nor mixes them up.
 */
class GradientRecordingTest {

    private static final Shape INPUT = Shape.chw(1, 8, 8);
    private static final NetworkOptions OPTIONS = NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 0));

    private static Weights train(String id, long seed) {
        Architecture architecture = SmallArchitectures.resLike(INPUT, 3);
        try (Network n = Backends.get(id).compile(architecture, OPTIONS)) {
            for (int s = 0; s < 8; s++) {
                Batch b = RandomBatches.of(INPUT, 3, 6, seed * 100 + s);
                n.trainStep(b, 0.05);
            }
            return n.exportWeights();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"djl-pytorch", "djl-mxnet"})
    void networksTrainedOnTwoThreadsAtOnceEqualThemTrainedOneAfterTheOther(String id) throws Exception {
        Weights first = train(id, 1);
        Weights second = train(id, 2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Weights>> both = List.of(threads.submit(() -> train(id, 1)), threads.submit(() -> train(id, 2)));
            assertThat(both.get(0).get()).isEqualTo(first);
            assertThat(both.get(1).get()).isEqualTo(second);
        } finally {
            threads.shutdown();
        }
    }
}
