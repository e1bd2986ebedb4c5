package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.train.EpochEvent;
import dev.zoo.api.train.Evaluation;
import dev.zoo.api.train.StepEvent;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void aLineShowsTheBarCountsLossRateThroughputAndEta() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), false);
        bar.onStart(TrainingConfig.builder().epochs(3).build(), TrainingState.start("djl-pytorch", "lesson_cnn", 1), 300);
        String line = bar.line(new StepEvent(49, 300, 0, 49, 100, 0.51234, 0.05, 64, 1234.4, 125));
        assertThat(line).isEqualTo("epoch 1/3 [==============>               ]  50% 50/100 loss 0.5123 lr 0.05000"
                + " 1,234 img/s ETA 02:05");
    }

    @Test
    void outsideATerminalItPrintsATenthOfAnEpochPerLineAndOneSummaryPerEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.onStart(TrainingConfig.builder().epochs(1).build(), TrainingState.start("b", "m", 1), 20);
        for (int s = 0; s < 20; s++) {
            bar.onStep(new StepEvent(s, 20, 0, s, 20, 1.0, 0.1, 8, 100, 20 - s));
        }
        bar.onEpochEnd(new EpochEvent(0, 20, 0.9, new Evaluation(0.8, 0.75, 0.99, 100), 3.5, 45.6));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1 + 10 + 1);
        assertThat(lines[11]).isEqualTo("epoch 1/1: train loss 0.9000, test loss 0.8000, top-1 75.00%, top-5 99.00%,"
                + " 46 img/s, 3.5 s");
    }

    @Test
    void onATerminalItDrawsOneBarPerEpochWithLossRateAndThroughputThenTheSummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        bar.onStart(TrainingConfig.builder().epochs(2).build(), TrainingState.start("b", "m", 1), 40);
        for (int s = 0; s < 20; s++) {
            bar.onStep(new StepEvent(s, 40, 0, s, 20, 0.25, 0.1, 8, 100, 20 - s));
        }
        bar.onEpochEnd(new EpochEvent(0, 20, 0.9, null, 3.5, 45.6));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("epoch 1/2").contains("20/20").contains("loss 0.2500");
        assertThat(text).endsWith("epoch 1/2: train loss 0.9000, 46 img/s, 3.5 s\n");
    }

    @Test
    void theFirstLineCountsEpochsAndStepsInGoodEnglish() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        bar.onStart(TrainingConfig.builder().epochs(1).build(), TrainingState.start("djl-pytorch", "lesson_cnn", 1), 1);
        bar.onStart(TrainingConfig.builder().epochs(3).build(), TrainingState.start("djl-pytorch", "lesson_cnn", 1), 30);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("training lesson_cnn on djl-pytorch: 1 epoch, 1 step\n"
                + "training lesson_cnn on djl-pytorch: 3 epochs, 30 steps\n");
    }

    @Test
    void durationsReadAsMinutesOrHours() {
        assertThat(ProgressBar.duration(59.6)).isEqualTo("01:00");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1:02:05");
    }
}
