package dev.zoo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every backend must do, written once: extend this class, return the backend from
 * {@link #backend()}, and the same tests run on it. Architectures come from
 * {@link #architectures()} (small ones covering every layer kind) and {@link #largeArchitectures()}
 * (forward-only checks, for networks too big to train in a unit test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {

    /** Input of the small architectures: small enough for finite differences, big enough for two strides. */
    protected static final Shape SMALL_INPUT = Shape.chw(2, 8, 8);
    protected static final int SMALL_CLASSES = 3;

    /** The backend under test. */
    protected abstract Backend backend();

    /** Architectures checked end to end (train, export, import, gradients). */
    protected List<Architecture> architectures() {
        return SmallArchitectures.all(SMALL_INPUT, SMALL_CLASSES);
    }

    /** Architectures only compiled and run forward (output shape, parameter count, weight round trip). */
    protected List<Architecture> largeArchitectures() {
        return List.of();
    }

    /** Input at which every zoo model is compiled: small, so the ImageNet models take their small-image form. */
    protected Shape zooInput() {
        return Shape.chw(3, 32, 32);
    }

    /**
     * Zoo models up to this many parameters get the exact weight round trip; every zoo model does by
     * default. A backend may lower it only where memory forbids two copies of the largest models.
     */
    protected long roundTripLimit() {
        return Long.MAX_VALUE;
    }

    /** Zoo models up to this many parameters are trained two steps before their weights travel. */
    protected long trainLimit() {
        return 1_000_000L;
    }

    /** The zoo models of the sweeps: a representative sample, or all of them under {@code -Pfull} ({@link ZooSample}). */
    private Stream<String> zooNames() {
        return ZooSample.names().stream();
    }

    private Architecture zoo(String name) {
        return ModelZoo.build(name, zooInput(), 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zooNames")
    void everyZooModelCompilesWithTheInferredOutputAndParameterCount(String name) {
        Architecture architecture = zoo(name);
        try (Network network = backend().compile(architecture, options())) {
            assertThat(network.predict(batch(architecture, 2, 1))).as("logits of 2 examples").hasSize(20);
            Weights weights = network.exportWeights();
            assertThat(weights.names()).hasSize(architecture.parameters().size());
            assertThat(weights.asMap().values().stream().mapToLong(Tensor::size).sum()).as("parameter count")
                    .isEqualTo(architecture.parameterCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zooNames")
    void zooWeightsExportedAndImportedGiveTheSameLogits(String name) {
        Architecture architecture = zoo(name);
        org.junit.jupiter.api.Assumptions.assumeTrue(architecture.parameterCount() <= roundTripLimit(),
                () -> name + " has " + architecture.parameterCount() + " parameters, above the round-trip limit");
        Batch batch = batch(architecture, 2, 3);
        try (Network source = backend().compile(architecture, options().withSeed(1));
                Network target = backend().compile(architecture, options().withSeed(2))) {
            if (architecture.parameterCount() <= trainLimit()) {
                source.trainStep(batch(architecture, 4, 4), 0.05);
                source.trainStep(batch(architecture, 4, 5), 0.05);
            }
            float[] expected = source.predict(batch);
            assertThat(target.predict(batch)).isNotEqualTo(expected);
            target.importWeights(source.exportWeights());
            assertThat(target.predict(batch)).isEqualTo(expected);
        }
    }

    protected NetworkOptions options() {
        return NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 5e-4));
    }

    private Stream<Architecture> small() {
        return architectures().stream();
    }

    private Stream<Architecture> everything() {
        return Stream.concat(architectures().stream(), largeArchitectures().stream());
    }

    private static Batch batch(Architecture a, int size, long seed) {
        return RandomBatches.of(a.input(), a.classes(), size, seed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everything")
    void outputShapeAndParametersMatchInference(Architecture architecture) {
        try (Network network = backend().compile(architecture, options())) {
            float[] logits = network.predict(batch(architecture, 2, 1));
            assertThat(logits).as("logits of 2 examples").hasSize(2 * architecture.classes());
            Weights weights = network.exportWeights();
            assertThat(new ArrayList<>(weights.names())).as("exported tensor names")
                    .containsExactlyElementsOf(architecture.parameters().stream().map(ParameterSpec::name).toList());
            long count = 0;
            for (ParameterSpec p : architecture.parameters()) {
                assertThat(weights.get(p.name()).shape()).as("shape of " + p.name()).isEqualTo(p.shape());
                count += weights.get(p.name()).size();
            }
            assertThat(count).as("parameter count").isEqualTo(architecture.parameterCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everything")
    void startsFromTheSeededInitializer(Architecture architecture) {
        try (Network network = backend().compile(architecture, options().withSeed(7))) {
            assertThat(network.exportWeights())
                    .isEqualTo(dev.zoo.api.weights.Initializer.seeded(architecture, 7));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everything")
    void exportedWeightsImportedElsewhereGiveTheSameLogits(Architecture architecture) {
        Batch batch = batch(architecture, 2, 3);
        boolean train = architectures().contains(architecture);
        try (Network source = backend().compile(architecture, options().withSeed(1));
                Network target = backend().compile(architecture, options().withSeed(2))) {
            if (train) {
                source.trainStep(batch(architecture, 4, 4), 0.05);
                source.trainStep(batch(architecture, 4, 5), 0.05);
            }
            float[] expected = source.predict(batch);
            assertThat(target.predict(batch)).as("a differently seeded network differs before the import")
                    .isNotEqualTo(expected);
            target.importWeights(source.exportWeights());
            assertThat(target.predict(batch)).isEqualTo(expected);
            assertThat(target.exportWeights()).isEqualTo(source.exportWeights());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void analyticGradientsMatchFiniteDifferences(Architecture architecture) {
        NetworkOptions float64 = options().withPrecision(Precision.FLOAT64).withSeed(11);
        try (Network network = backend().compile(architecture, float64)) {
            GradientProbe probe = network.gradientProbe();
            Batch batch = batch(architecture, 4, 12);
            Weights before = network.exportWeights();
            List<GradientCheck.Mismatch> mismatches = new GradientCheck(1e-6, 1e-3, 1e-8, 6).run(probe, batch, 13);
            assertThat(mismatches).as("elements whose gradients disagree").isEmpty();
            Weights after = network.exportWeights();
            for (String name : before.names()) {
                assertThat(after.get(name).data()).as("the probe leaves %s unchanged", name)
                        .isEqualTo(before.get(name).data());
            }
        }
    }

    @Test
    void stepReportsTheL2NormOfEveryTrainableGradient() {
        Architecture a = ModelZoo.build("resnet20", ZooOptions.of(Shape.chw(1, 8, 8), 3));
        Batch batch = new Batch(RandomBatches.of(a.input(), 3, 4, 7).images(), new int[] {0, 1, 2, 1}, 4, a.input());
        try (Network net = backend().compile(a, NetworkOptions.defaults().withPrecision(Precision.FLOAT64))) {
            assertThat(net.lastGradientNorms()).as("norms before any step").isEmpty();
            assertNormsOfNextStep(net, a, batch);
        }
    }

    @Test
    void normsSkippedForSomeStepsComeBackWhenAskedForAgain() {
        Architecture a = ModelZoo.build("resnet20", ZooOptions.of(Shape.chw(1, 8, 8), 3));
        Batch batch = new Batch(RandomBatches.of(a.input(), 3, 4, 8).images(), new int[] {2, 1, 0, 1}, 4, a.input());
        try (Network net = backend().compile(a, NetworkOptions.defaults().withPrecision(Precision.FLOAT64))) {
            net.recordGradientNorms(false);
            net.trainStep(batch, 0.1);
            net.trainStep(batch, 0.1);
            net.recordGradientNorms(true);
            assertNormsOfNextStep(net, a, batch);
        }
    }

    /** Trains one step and holds its reported norms to the probe's gradients taken just before it. */
    private static void assertNormsOfNextStep(Network net, Architecture a, Batch batch) {
        Map<String, double[]> expected = net.gradientProbe().gradients(batch);
        net.trainStep(batch, 0.1);
        Map<String, Double> norms = net.lastGradientNorms();
        assertThat(norms.keySet()).containsExactlyElementsOf(
                a.parameters().stream().filter(ParameterSpec::trainable).map(ParameterSpec::name).toList());
        expected.forEach((name, g) -> {
            double sum = 0;
            for (double v : g) {
                sum += v * v;
            }
            assertThat(norms.get(name)).as(name).isCloseTo(Math.sqrt(sum), within(1e-9 + 1e-6 * Math.sqrt(sum)));
        });
    }

    @Test
    void gradientProbeNeedsFloat64() {
        Architecture architecture = architectures().get(0);
        try (Network network = backend().compile(architecture, options())) {
            assertThatThrownBy(network::gradientProbe).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("FLOAT64");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void sameSeedGivesIdenticalLosses(Architecture architecture) {
        assertThat(losses(architecture, 5, 21)).isEqualTo(losses(architecture, 5, 21));
    }

    private List<Double> losses(Architecture architecture, int steps, long seed) {
        List<Double> losses = new ArrayList<>();
        try (Network network = backend().compile(architecture, options().withSeed(seed))) {
            for (int i = 0; i < steps; i++) {
                losses.add(network.trainStep(batch(architecture, 4, 100 + i), 0.05));
            }
        }
        return losses;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("small")
    void trainingLowersTheLossOnAFixedBatch(Architecture architecture) {
        Batch batch = batch(architecture, 8, 31);
        try (Network network = backend().compile(architecture,
                options().withOptimizer(Optimizer.Adam.defaults()))) {
            double first = network.trainStep(batch, 0.02);
            for (int i = 0; i < 40; i++) {
                network.trainStep(batch, 0.02);
            }
            double last = cleanLoss(network, batch);
            assertThat(last).as("loss after 40 Adam steps on one batch").isLessThan(first * 0.85);
        }
    }

    /** The loss of {@code batch} from evaluation-mode logits (no dropout, running statistics). */
    protected static double cleanLoss(Network network, Batch batch) {
        float[] logits = network.predict(batch);
        int classes = logits.length / batch.size();
        double sum = 0;
        for (int i = 0; i < batch.size(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[i * classes + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(logits[i * classes + c] - max);
            }
            sum += max + Math.log(z) - logits[i * classes + batch.labels()[i]];
        }
        return sum / batch.size();
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of(Optimizer.Sgd.plain()),
                Arguments.of(new Optimizer.Sgd(0.9, false, 0)),
                Arguments.of(new Optimizer.Sgd(0.9, true, 1e-2)),
                Arguments.of(new Optimizer.Adam(0.9, 0.999, 1e-8, 0)),
                Arguments.of(new Optimizer.Adam(0.8, 0.99, 1e-6, 1e-2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void updateFollowsPyTorchsRuleAtTheRateOfEachStep(Optimizer optimizer) {
        Architecture architecture = SmallArchitectures.flatLike(SMALL_INPUT, SMALL_CLASSES);
        NetworkOptions float64 = options().withOptimizer(optimizer).withPrecision(Precision.FLOAT64);
        double[] rates = {0.1, 0.05, 0.2, 0.01};
        try (Network network = backend().compile(architecture, float64)) {
            GradientProbe probe = network.gradientProbe();
            ReferenceOptimizer reference = new ReferenceOptimizer(optimizer);
            Map<String, double[]> expected = probe.parameters();
            for (int step = 0; step < rates.length; step++) {
                Batch batch = batch(architecture, 4, 40 + step);
                Map<String, double[]> gradients = probe.gradients(batch);
                reference.step(expected, gradients, rates[step]);
                network.trainStep(batch, rates[step]);
                Map<String, double[]> actual = probe.parameters();
                for (String name : expected.keySet()) {
                    double[] e = expected.get(name);
                    double[] a = actual.get(name);
                    for (int i = 0; i < e.length; i++) {
                        assertThat(a[i]).as("%s[%d] after step %d", name, i, step + 1)
                                .isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-9 + 1e-9 * Math.abs(e[i])));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void optimizerStateMovesTrainingToAnotherNetwork(Optimizer optimizer) {
        Architecture architecture = SmallArchitectures.resLike(SMALL_INPUT, SMALL_CLASSES);
        NetworkOptions o = options().withOptimizer(optimizer);
        List<Double> straight = new ArrayList<>();
        List<Double> resumed = new ArrayList<>();
        try (Network a = backend().compile(architecture, o); Network b = backend().compile(architecture, o.withSeed(99))) {
            for (int i = 0; i < 3; i++) {
                a.trainStep(batch(architecture, 4, 60 + i), 0.05);
            }
            b.importWeights(a.exportWeights());
            b.importOptimizerState(a.exportOptimizerState());
            for (int i = 3; i < 6; i++) {
                straight.add(a.trainStep(batch(architecture, 4, 60 + i), 0.05));
                resumed.add(b.trainStep(batch(architecture, 4, 60 + i), 0.05));
            }
            assertThat(b.exportWeights()).isEqualTo(a.exportWeights());
            Weights state = a.exportOptimizerState();
            assertThat(state.get("step").data()).containsExactly(6f);
            if (optimizer instanceof Optimizer.Sgd sgd && sgd.momentum() > 0) {
                assertThat(state.names()).contains("conv1.weight.momentum");
            }
            if (optimizer instanceof Optimizer.Adam) {
                assertThat(state.names()).contains("conv1.weight.adam_m", "conv1.weight.adam_v");
            }
        }
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void batchOfTheWrongShapeIsRejected() {
        Architecture architecture = architectures().get(0);
        Batch wrong = RandomBatches.of(Shape.chw(3, 8, 8), architecture.classes(), 2, 1);
        try (Network network = backend().compile(architecture, options())) {
            assertThatThrownBy(() -> network.trainStep(wrong, 0.1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(architecture.input().toString()).hasMessageContaining("3x8x8");
            assertThatThrownBy(() -> network.predict(wrong)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3x8x8");
        }
    }

    @Test
    void labelOutOfRangeIsRejected() {
        Architecture architecture = architectures().get(0);
        Batch good = batch(architecture, 2, 1);
        Batch bad = new Batch(good.images(), new int[] {0, architecture.classes()}, 2, architecture.input());
        Batch negative = new Batch(good.images(), new int[] {-1, 0}, 2, architecture.input());
        try (Network network = backend().compile(architecture, options())) {
            Weights before = network.exportWeights();
            assertThatThrownBy(() -> network.trainStep(bad, 0.1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("label").hasMessageContaining(String.valueOf(architecture.classes()));
            assertThatThrownBy(() -> network.trainStep(negative, 0.1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThat(network.exportWeights()).as("nothing trained on a rejected batch").isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aStepWhoseLossIsNotFiniteChangesNothing(Optimizer optimizer) {
        Architecture architecture = SmallArchitectures.resLike(SMALL_INPUT, SMALL_CLASSES);
        NetworkOptions o = options().withOptimizer(optimizer);
        Batch clean = batch(architecture, 4, 80);
        float[] poisoned = clean.images().clone();
        poisoned[poisoned.length / 2] = Float.NaN;
        Batch nan = new Batch(poisoned, clean.labels(), clean.size(), clean.itemShape());
        for (boolean norms : new boolean[] {true, false}) {
            try (Network a = backend().compile(architecture, o); Network b = backend().compile(architecture, o)) {
                a.recordGradientNorms(norms); // a backend may check gradients through their norms: with and without
                for (int i = 0; i < 2; i++) {
                    a.trainStep(batch(architecture, 4, 70 + i), 0.05);
                    b.trainStep(batch(architecture, 4, 70 + i), 0.05);
                }
                Weights weights = a.exportWeights();
                Weights state = a.exportOptimizerState();
                assertThat(a.trainStep(nan, 0.05)).as("loss of a batch holding a NaN (norms %s)", norms).isNaN();
                assertThat(changed(a.exportWeights(), weights)).as("weights and running statistics changed by it")
                        .isEmpty();
                assertThat(changed(a.exportOptimizerState(), state)).as("optimizer state changed by it").isEmpty();
                assertThat(a.trainStep(clean, 0.05)).as("the next step, as if the NaN batch never came")
                        .isEqualTo(b.trainStep(clean, 0.05));
                assertThat(changed(a.exportWeights(), b.exportWeights())).as("tensors that differ after it").isEmpty();
            }
        }
    }

    /** The names of the tensors whose values differ between {@code a} and {@code b}. */
    private static List<String> changed(Weights a, Weights b) {
        assertThat(a.names()).isEqualTo(b.names());
        return a.names().stream().filter(n -> !Arrays.equals(a.get(n).data(), b.get(n).data())).toList();
    }

    @Test
    void weightsOfTheWrongShapeAreRejectedAndNothingChanges() {
        Architecture architecture = architectures().get(0);
        try (Network network = backend().compile(architecture, options())) {
            Weights before = network.exportWeights();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            before.asMap().forEach((name, t) -> tensors.put(name, new Tensor(t.shape(), new float[t.size()])));
            String last = architecture.parameters().get(architecture.parameters().size() - 1).name();
            tensors.put(last, Tensor.of(new float[] {1f}, 1));
            assertThatThrownBy(() -> network.importWeights(new Weights(tensors)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(last);
            tensors.remove(last);
            assertThatThrownBy(() -> network.importWeights(new Weights(tensors)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(last);
            tensors.put("no.such.tensor", Tensor.of(new float[] {1f}, 1));
            assertThatThrownBy(() -> network.importWeights(new Weights(tensors)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.tensor");
            assertThat(network.exportWeights()).isEqualTo(before);
        }
    }
}
