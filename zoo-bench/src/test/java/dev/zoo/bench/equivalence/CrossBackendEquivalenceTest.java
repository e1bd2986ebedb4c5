package dev.zoo.bench.equivalence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.SpecException;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.bench.SgdStepDump;
import dev.zoo.testkit.ZooSample;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo architecture at a small input, from the same seeded weights, on {@code dl4j},
 * {@code djl-pytorch}, {@code djl-mxnet} and {@code tensorflow}: eval-mode logits agree within
 * {@code |a - b| <= 1e-5 + 1e-3 |b|} and give the same class, and after one plain SGD step on the
 * same batch (dropout rates set to 0) every tensor agrees within the same tolerance. PyTorch is the
 * reference {@code b}.
 *
 * <p>The logits are compared at float32, as users run. The step is compared at float64: with two
 * examples, batch norm after the last pooling stage normalises two values per channel, where a
 * float32 rounding difference of 1e-7 between engines' summation orders grows to a 1% gradient
 * difference in the deep plain and batch-norm networks. That is conditioning, not a difference in
 * what the engines compute; at float64 the same amplification stays inside the tolerance, except
 * where the reference does not agree with itself either (see {@link #conditioned}).
 *
 * <p>Part of {@code ./mvnw verify} on the representative sample of {@link ZooSample} (every family,
 * layer kind and shortcut, and the chaotic {@code plain101}; about 3 minutes on 2 cores), on all 30
 * models under {@code -Pfull} (about 18 minutes); {@code -Dzoo.equivalence=false} skips it. Some
 * models only: {@code ./mvnw -pl zoo-bench -am verify -Dtest=CrossBackendEquivalenceTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dzoo.models=resnet20,vgg11}.
 */
@DisabledIfSystemProperty(named = "zoo.equivalence", matches = "false",
        disabledReason = "-Dzoo.equivalence=false skips the cross-engine comparison")
class CrossBackendEquivalenceTest {

    static final String REFERENCE = "djl-pytorch";
    static final List<String> OTHERS = List.of("dl4j", "djl-mxnet", "tensorflow");
    static final int CLASSES = 10;
    static final long SEED = SgdStepDump.SEED;
    static final double LEARNING_RATE = 0.05;

    /** The representative sample of zoo models, every model under {@code -Pfull}, or {@code -Dzoo.models=a,b}. */
    static Stream<String> models() {
        return ZooSample.names().stream();
    }

    /** The smallest of a few inputs the model accepts. */
    static Architecture small(String name) {
        for (Shape input : List.of(Shape.chw(3, 16, 16), Shape.chw(3, 32, 32), Shape.chw(3, 64, 64))) {
            try {
                return WithoutDropout.of(ModelZoo.build(name, input, CLASSES));
            } catch (SpecException tooSmall) {
                // try the next size
            }
        }
        throw new AssertionError(name + " accepts none of 16x16, 32x32, 64x64");
    }

    /** Batch sizes tried for the step, smallest first (see {@link #conditioned}). */
    static final List<Integer> STEP_BATCHES = List.of(2, 8, 32);

    /** The same examples in reverse order: the same loss and gradients, other summation orders. */
    static Batch reversed(Batch b) {
        int per = Math.toIntExact(b.itemShape().size());
        float[] x = new float[b.images().length];
        int[] labels = new int[b.size()];
        for (int i = 0; i < b.size(); i++) {
            int j = b.size() - 1 - i;
            System.arraycopy(b.images(), j * per, x, i * per, per);
            labels[i] = b.labels()[j];
        }
        return new Batch(x, labels, b.size(), b.itemShape());
    }

    static final NetworkOptions OPTIONS = NetworkOptions.defaults().withOptimizer(Optimizer.Sgd.plain()).withSeed(SEED);

    /** One model at its small input, its seeded start weights and a batch. */
    record Case(Architecture architecture, Weights start, Batch batch) {
        static Case of(String name) {
            return of(name, 2);
        }

        static Case of(String name, int batchSize) {
            Architecture a = small(name);
            return new Case(a, Initializer.seeded(a, SEED), SgdStepDump.batch(a, batchSize));
        }

        Case reversed() {
            return new Case(architecture, start, CrossBackendEquivalenceTest.reversed(batch));
        }
    }

    static float[] logits(String backend, Case c) {
        try (Network network = Backends.get(backend).compile(c.architecture(), OPTIONS)) {
            network.importWeights(c.start());
            return network.predict(c.batch());
        }
    }

    /** The training-mode loss of one step and every tensor after it. */
    record Step(double loss, Weights after) {
    }

    static Step step(String backend, Case c) {
        try (Network network = Backends.get(backend).compile(c.architecture(), OPTIONS.withPrecision(Precision.FLOAT64))) {
            network.importWeights(c.start());
            double loss = network.trainStep(c.batch(), LEARNING_RATE);
            return new Step(loss, network.exportWeights());
        }
    }

    static boolean outside(float actual, float expected) {
        return !(Math.abs(actual - expected) <= 1e-5 + 1e-3 * Math.abs(expected));
    }

    static List<String> differences(String what, float[] actual, float[] expected) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < expected.length; i++) {
            if (outside(actual[i], expected[i])) {
                out.add(what + "[" + i + "]: " + actual[i] + " vs " + expected[i]);
            }
        }
        return out;
    }

    static int[] argmax(float[] logits, int classes) {
        int[] out = new int[logits.length / classes];
        for (int e = 0; e < out.length; e++) {
            for (int c = 1; c < classes; c++) {
                if (logits[e * classes + c] > logits[e * classes + out[e]]) {
                    out[e] = c;
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameLogitsAndSameClass(String name) {
        Case c = Case.of(name);
        float[] reference = logits(REFERENCE, c);
        List<String> wrong = new ArrayList<>();
        for (String backend : OTHERS) {
            float[] other = logits(backend, c);
            wrong.addAll(differences(backend + " " + name + " logits", other, reference));
            if (!java.util.Arrays.equals(argmax(other, CLASSES), argmax(reference, CLASSES))) {
                wrong.add(backend + " " + name + " predicts other classes");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Every value of {@code actual} against {@code reference}: one line per tensor that differs. */
    static List<String> differences(String who, Weights actual, Weights reference) {
        assertThat(actual.names()).containsExactlyElementsOf(reference.names());
        List<String> wrong = new ArrayList<>();
        for (String tensor : reference.names()) {
            Tensor expected = reference.get(tensor);
            List<String> d = differences(tensor, actual.get(tensor).data(), expected.data());
            if (!d.isEmpty()) {
                wrong.add(who + ": " + d.size() + " of " + expected.size() + " values of " + tensor + ", first " + d.get(0));
            }
        }
        return wrong;
    }

    /** How many values of {@code actual} lie outside the tolerance around {@code reference}. */
    static long valuesOff(Weights actual, Weights reference) {
        long off = 0;
        for (String tensor : reference.names()) {
            float[] a = actual.get(tensor).data();
            float[] b = reference.get(tensor).data();
            for (int i = 0; i < b.length; i++) {
                off += outside(a[i], b[i]) ? 1 : 0;
            }
        }
        return off;
    }

    /** Relative L2 distance of one tensor from the reference's: {@code |a - b| / |b|}. */
    static double distance(Tensor actual, Tensor reference) {
        double diff = 0;
        double norm = 0;
        float[] a = actual.data();
        float[] b = reference.data();
        for (int i = 0; i < b.length; i++) {
            diff += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            norm += (double) b[i] * b[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    /**
     * A case, the reference's step on it, and the reference's own step on the same batch in reverse
     * order; {@code selfOff} counts the values in which the two differ beyond the tolerance
     * (0: well-conditioned).
     */
    record Conditioned(Case c, Step reference, Step self, long selfOff) {
    }

    /** In a chaotic case, how many times the reference's distance from itself an engine may stray. */
    static final int CHAOTIC_FACTOR = 3;

    /**
     * The smallest batch of {@link #STEP_BATCHES} at which the reference agrees with itself when
     * the batch comes in reverse order (the same loss and gradients, other float64 summation
     * orders). Deep plain networks are chaotic at initialisation: without skips their gradients
     * explode with depth (plain152's stem steps by 1e10), so rounding alone moves parameters by more
     * than the tolerance, PyTorch against PyTorch. No engine can be held to a bound its reference
     * does not meet: when no batch size calms the reference, the case keeps the largest batch.
     */
    static Conditioned conditioned(String name) {
        Conditioned last = null;
        for (int size : STEP_BATCHES) {
            Case c = Case.of(name, size);
            Step reference = step(REFERENCE, c);
            Step self = step(REFERENCE, c.reversed());
            last = new Conditioned(c, reference, self, valuesOff(self.after(), reference.after()));
            if (last.selfOff() == 0) {
                break;
            }
        }
        return last;
    }

    /**
     * Every parameter within the tolerance when the reference is well-conditioned at some batch
     * size. In a chaotic case (plain101, plain152): the step's loss within the tolerance, and every
     * tensor within {@link #CHAOTIC_FACTOR} times the reference's own relative L2 distance from
     * itself (at least 1e-3): an engine computing something else lands far outside.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameParametersAfterOneSgdStep(String name) {
        Conditioned k = conditioned(name);
        Weights reference = k.reference().after();
        int batch = k.c().batch().size();
        List<String> wrong = new ArrayList<>();
        if (k.selfOff() == 0) {
            System.out.printf("%s: one SGD step compared at batch %d, where %s agrees with itself%n", name, batch, REFERENCE);
            for (String backend : OTHERS) {
                wrong.addAll(differences(backend, step(backend, k.c()).after(), reference));
            }
            assertThat(wrong).as(name + " after one SGD step, batch of " + batch).isEmpty();
            return;
        }
        long total = reference.asMap().values().stream().mapToLong(Tensor::size).sum();
        StringBuilder line = new StringBuilder(String.format("%s: chaotic at every batch up to %d; values outside the"
                + " tolerance of %,d: %s on the reversed batch %,d", name, batch, total, REFERENCE, k.selfOff()));
        double loss = k.reference().loss();
        for (String backend : OTHERS) {
            Step other = step(backend, k.c());
            line.append(String.format(", %s %,d", backend, valuesOff(other.after(), reference)));
            if (!(Math.abs(other.loss() - loss) <= 1e-5 + 1e-3 * Math.abs(loss))) {
                wrong.add(backend + " loss " + other.loss() + " vs " + loss);
            }
            double worst = 0;
            for (String tensor : reference.names()) {
                double allowed = Math.max(1e-3, CHAOTIC_FACTOR * distance(k.self().after().get(tensor), reference.get(tensor)));
                double d = distance(other.after().get(tensor), reference.get(tensor));
                worst = Math.max(worst, d / allowed);
                if (!(d <= allowed)) {
                    wrong.add(String.format("%s %s: relative distance %.3g, allowed %.3g", backend, tensor, d, allowed));
                }
            }
            line.append(String.format(" (worst tensor at %.2f of its allowance)", worst));
        }
        System.out.println(line);
        assertThat(wrong).as(line.toString()).isEmpty();
    }
}
