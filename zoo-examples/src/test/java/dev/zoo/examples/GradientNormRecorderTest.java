package dev.zoo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps only the first steps' norms and averages them. */
class GradientNormRecorderTest {

    @Test
    void keepsTheFirstStepsAndAverages() {
        GradientNormRecorder r = new GradientNormRecorder(2);
        r.onGradientNorms(0, Map.of("a", 1.0, "b", 4.0));
        r.onGradientNorms(1, Map.of("a", 3.0, "b", 16.0));
        r.onGradientNorms(2, Map.of("a", 100.0, "b", 100.0));

        assertThat(r.byStep()).containsOnlyKeys(0L, 1L);
        assertThat(r.mean("a")).isEqualTo(2.0);
        assertThat(r.mean("b")).isEqualTo(10.0);
        assertThat(r.mean("missing")).isNaN();
        assertThat(r.geometricMean(List.of("a", "b"))).isCloseTo(Math.sqrt(20.0), within(1e-12));
    }
}
