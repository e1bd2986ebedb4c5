package dev.zoo.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --speed-only} on the lesson CNN: each backend and the hand-written DL4J network in their own
 * JVMs, every round visiting every runner in a rotating order, ratios taken from the medians, and an
 * inference round after each training round for the compiled networks.
 */
class SpeedCompareTest {

    @Test
    void everyRunnerIsTimedInEveryRoundAndTheRatiosComeFromTheMedians() {
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
        assertThat(pytorch.toReference()).isEqualTo(1.0);
        assertThat(dl4j.toReference()).isCloseTo(dl4j.imagesPerSecond().median() / pytorch.imagesPerSecond().median(),
                offset(1e-12));
        assertThat(dl4j.toHandWritten()).isCloseTo(dl4j.imagesPerSecond().median() / hand.imagesPerSecond().median(),
                offset(1e-12));
        assertThat(pytorch.toHandWritten()).isCloseTo(
                pytorch.imagesPerSecond().median() / handPytorch.imagesPerSecond().median(), offset(1e-12));
        for (SpeedTable.SpeedRow compiled : List.of(pytorch, dl4j)) {
            assertThat(compiled.inferenceImagesPerSecond().rounds()).as("an inference round after each training round")
                    .isEqualTo(6);
            assertThat(compiled.inferenceImagesPerSecond().median()).as("inference needs no backward pass")
                    .isGreaterThan(compiled.imagesPerSecond().median());
        }
        assertThat(hand.inferenceImagesPerSecond()).as("the hand-written networks only train").isNull();
        assertThat(handPytorch.inferenceImagesPerSecond()).as("the hand-written networks only train").isNull();
        if (t.rows().size() == 5) {
            SpeedTable.SpeedRow python = t.rows().get(4);
            assertThat(python.toHandWritten()).as("Python has no hand-written row of its own").isNull();
            assertThat(python.imagesPerSecond().rounds()).isEqualTo(6);
            assertThat(python.inferenceImagesPerSecond().rounds()).isEqualTo(6);
        }
        List<String> rounds = progress.stream().filter(l -> l.startsWith("round ")).toList();
        assertThat(rounds).hasSize(3);
        assertThat(rounds.get(0)).startsWith("round 1/3: djl-pytorch ");
        assertThat(rounds.get(1)).startsWith("round 2/3: hand-written:djl-pytorch ");
        assertThat(rounds.get(2)).startsWith("round 3/3: dl4j ");
    }
}
