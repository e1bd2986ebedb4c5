package dev.zoo.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --speed-only} on the lesson CNN: each backend and the hand-written networks in their own
 * JVMs, every round visiting every runner in a rotating order, ratios paired round by round, and an
 * inference round after each training round for every network, hand-written ones included.
 */
class SpeedCompareTest {

    @Test
    void everyRunnerIsTimedInEveryRoundAndTheRatiosPairItsRounds() {
        List<String> progress = new ArrayList<>();
        SpeedTable t = new SpeedCompare(progress::add).run("lesson_cnn", Shape.parse("1x28x28"),
                List.of("djl-pytorch", "dl4j"), new SpeedPlan(16, 1, 3, 2, 2));

        List<String> runners = new ArrayList<>(
                List.of("djl-pytorch", "hand-written:djl-pytorch", "dl4j", "hand-written:dl4j"));
        if (SpeedCompare.pythonHasTorch()) {
            runners.add(SpeedCompare.PYTHON_PYTORCH); // the lesson CNN rebuilt in torch.nn from its architecture file
        }
        assertThat(t.rows()).extracting(SpeedTable.SpeedRow::runner).containsExactlyElementsOf(runners);
        assertThat(t.rows()).allSatisfy(r -> {
            assertThat(r.error()).isNull();
            assertThat(r.imagesPerSecond().rounds()).as("3 rounds in each of 2 processes").isEqualTo(6);
            assertThat(r.peakRssMb()).isGreaterThan(50);
        });
        SpeedTable.SpeedRow pytorch = t.rows().get(0);
        SpeedTable.SpeedRow handPytorch = t.rows().get(1);
        SpeedTable.SpeedRow dl4j = t.rows().get(2);
        SpeedTable.SpeedRow hand = t.rows().get(3);
        assertThat(pytorch.toReference()).isEqualTo(new Ratio(1.0, 1.0, 1.0, 6));
        // ratios pair the runners' rounds, so each lies between the extreme ratios of their rounds
        assertBetweenExtremes(dl4j.toReference(), dl4j, pytorch);
        assertBetweenExtremes(dl4j.toHandWritten(), dl4j, hand);
        assertBetweenExtremes(pytorch.toHandWritten(), pytorch, handPytorch);
        // the hand-written networks too, so both runners of an engine do the same work between their training rounds
        for (SpeedTable.SpeedRow r : List.of(pytorch, handPytorch, dl4j, hand)) {
            assertThat(r.inferenceImagesPerSecond().rounds()).as("%s: an inference round after each training round",
                    r.runner()).isEqualTo(6);
            assertThat(r.inferenceImagesPerSecond().median()).as("%s: inference needs no backward pass", r.runner())
                    .isGreaterThan(r.imagesPerSecond().median());
        }
        if (t.rows().size() == 5) {
            SpeedTable.SpeedRow python = t.rows().get(4);
            assertThat(python.toHandWritten()).as("Python has no hand-written row of its own").isNull();
            assertThat(python.imagesPerSecond().rounds()).isEqualTo(6);
            assertThat(python.inferenceImagesPerSecond().rounds()).isEqualTo(6);
        }
        List<String> rounds = progress.stream().filter(l -> l.startsWith("round ")).toList();
        assertThat(rounds).hasSize(3);
        assertThat(rounds.get(0)).startsWith("round 1/3: djl-pytorch ");
        // the second round goes down the list: the compiled network after its hand-written twin this time
        assertThat(rounds.get(1)).containsPattern("^round 2/3: hand-written:djl-pytorch #1 [0-9,]+ djl-pytorch #1 ");
        assertThat(rounds.get(2)).startsWith("round 3/3: dl4j ");
        assertThat(t.method()).contains("3 rounds of 2 steps in every process after 1 untimed");
    }

    @Test
    void roundsRotateTheStartAndAlternateTheDirectionSoEveryProcessFollowsBothNeighbours() {
        assertThat(SpeedCompare.order(5, 0)).containsExactly(0, 1, 2, 3, 4);
        assertThat(SpeedCompare.order(5, 1)).containsExactly(1, 0, 4, 3, 2);
        assertThat(SpeedCompare.order(5, 2)).containsExactly(2, 3, 4, 0, 1);
        assertThat(SpeedCompare.order(5, 7)).containsExactly(2, 1, 0, 4, 3);
        assertThat(SpeedCompare.order(1, 3)).containsExactly(0);
        for (int n = 2; n <= 9; n++) {
            for (int round = 0; round < 2 * n; round += 2) {
                // over a round and the next, each process comes right after each of its two neighbours in the cycle
                for (int p = 0; p < n; p++) {
                    java.util.Set<Integer> before = new java.util.HashSet<>();
                    int followed = 0;
                    for (int r = round; r <= round + 1; r++) {
                        int[] o = SpeedCompare.order(n, r);
                        int at = 0;
                        while (o[at] != p) {
                            at++;
                        }
                        assertThat(java.util.Arrays.stream(o).sorted().toArray()).as("every process once")
                                .isEqualTo(java.util.stream.IntStream.range(0, n).toArray());
                        if (at > 0) {
                            before.add(o[at - 1]);
                            followed++;
                        }
                    }
                    assertThat(before).as("process %d of %d, rounds %d and %d", p, n, round, round + 1)
                            .isSubsetOf((p + 1) % n, (p + n - 1) % n).hasSize(followed);
                }
            }
        }
    }

    @Test
    void aPlanRefusesNegativeSettlingSteps() {
        assertThat(new SpeedPlan(16, 1, 3, 2, 2).settleSteps()).isEqualTo(SpeedPlan.SETTLE_STEPS);
        assertThat(new SpeedPlan(16, 1, 3, 2, 2, 0).settleSteps()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpeedPlan(16, 1, 3, 2, 2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 settling steps");
    }

    private static void assertBetweenExtremes(Ratio ratio, SpeedTable.SpeedRow a, SpeedTable.SpeedRow b) {
        assertThat(ratio).isNotNull();
        double lowest = a.imagesPerSecond().min() / b.imagesPerSecond().max();
        double highest = a.imagesPerSecond().max() / b.imagesPerSecond().min();
        assertThat(ratio.low()).isBetween(lowest, ratio.median());
        assertThat(ratio.high()).isBetween(ratio.median(), highest);
        assertThat(ratio.pairs()).as("3 rounds in each of 2 processes").isEqualTo(6);
    }

    @Test
    void aRatioIsTheMedianOfRoundByRoundRatiosOfProcessesPairedByNumber() {
        // process 1 and 2 of each runner, three rounds; round 2 ran under load for both runners
        Map<Integer, List<Double>> compiled = Map.of(1, List.of(100.0, 50.0, 100.0), 2, List.of(90.0, 45.0, 90.0));
        Map<Integer, List<Double>> hand = Map.of(1, List.of(100.0, 50.0, 100.0), 2, List.of(100.0, 50.0, 100.0));
        // pooled medians would give 90 / 100 = 0.9 here too; the pairs give 1, 1, 1, 0.9, 0.9, 0.9
        assertThat(SpeedCompare.pairedRatio(compiled, hand).median()).isCloseTo(0.95, offset(1e-12));
        // a slow round of one runner is not set against a fast round of the other
        Map<Integer, List<Double>> loaded = Map.of(1, List.of(100.0, 40.0, 100.0, 40.0, 100.0));
        Map<Integer, List<Double>> same = Map.of(1, List.of(100.0, 40.0, 100.0, 40.0, 100.0));
        assertThat(SpeedCompare.pairedRatio(loaded, same)).isEqualTo(new Ratio(1.0, Double.NaN, Double.NaN, 5));
        // rounds only one of the two has (a process that stopped early) are left out
        assertThat(SpeedCompare.pairedRatio(Map.of(1, List.of(80.0, 80.0, 10.0)), Map.of(1, List.of(100.0, 100.0)))
                .median()).isCloseTo(0.8, offset(1e-12));
    }
}
