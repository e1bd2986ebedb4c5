package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void constantIsTheSameAtEveryStep() {
        LearningRateSchedule s = new LearningRateSchedule.Constant(0.1);
        assertThat(s.rate(0, 100)).isEqualTo(0.1);
        assertThat(s.rate(99, 100)).isEqualTo(0.1);
    }

    @Test
    void multiStepMultipliesByGammaAtEachMilestone() {
        LearningRateSchedule s = new LearningRateSchedule.MultiStep(0.1, List.of(10L, 20L), 0.1);
        assertThat(s.rate(9, 30)).isEqualTo(0.1);
        assertThat(s.rate(10, 30)).isCloseTo(0.01, within(1e-15));
        assertThat(s.rate(19, 30)).isCloseTo(0.01, within(1e-15));
        assertThat(s.rate(20, 30)).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void stepScheduleDecaysEveryInterval() {
        LearningRateSchedule.MultiStep s = LearningRateSchedule.MultiStep.every(1.0, 4, 0.5, 10);
        assertThat(s.milestones()).containsExactly(4L, 8L);
        assertThat(s.rate(3, 10)).isEqualTo(1.0);
        assertThat(s.rate(4, 10)).isEqualTo(0.5);
        assertThat(s.rate(9, 10)).isEqualTo(0.25);
    }

    @Test
    void cosineWarmsUpLinearlyThenDecaysToTheMinimumAtTheLastStep() {
        LearningRateSchedule s = new LearningRateSchedule.Cosine(1.0, 4, 0.0);
        assertThat(s.rate(0, 14)).isEqualTo(0.25);
        assertThat(s.rate(1, 14)).isEqualTo(0.5);
        assertThat(s.rate(3, 14)).isEqualTo(1.0);
        assertThat(s.rate(4, 14)).isEqualTo(1.0);
        // step 8 is 4 of the 9 decay intervals after warm-up
        assertThat(s.rate(8, 14)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 4 / 9)), within(1e-12));
        assertThat(s.rate(13, 14)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void cosineWithAMinimumNeverGoesBelowIt() {
        LearningRateSchedule s = new LearningRateSchedule.Cosine(0.1, 0, 0.01);
        for (int step = 0; step < 50; step++) {
            assertThat(s.rate(step, 50)).isBetween(0.01, 0.1);
        }
        assertThat(s.rate(49, 50)).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void badParametersAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new LearningRateSchedule.Constant(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> new LearningRateSchedule.MultiStep(0.1, List.of(5L, 3L), 0.1))
                .hasMessageContaining("[5, 3]");
        assertThatThrownBy(() -> new LearningRateSchedule.Cosine(0.1, 0, 0.5)).hasMessageContaining("0.5");
    }
}
