package dev.zoo.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** PyTorch's running statistics: {@code (1 - m) old + m batch}, the variance unbiased. */
class RunningStatisticsTest {

    @Test
    void foldsTheBatchWithItsMomentum() {
        RunningStatistics.Folded<double[]> f = RunningStatistics.fold(new ArrayArithmetic(), 0.1,
                new double[] {0, 1}, new double[] {1, 1}, new double[] {2, 3}, new double[] {4, 8});
        assertThat(f.mean()[0]).isCloseTo(0.2, within(1e-15));
        assertThat(f.mean()[1]).isCloseTo(1.2, within(1e-15));
        assertThat(f.variance()[0]).isCloseTo(1.3, within(1e-15));
        assertThat(f.variance()[1]).isCloseTo(1.7, within(1e-15));
    }

    @Test
    void theUnbiasingFactorIsNOverNMinusOne() {
        assertThat(RunningStatistics.unbias(1)).isEqualTo(1.0);
        assertThat(RunningStatistics.unbias(4)).isEqualTo(4.0 / 3);
        assertThatThrownBy(() -> RunningStatistics.unbias(0)).hasMessageContaining("got 0");
    }

    @Test
    void aMomentumOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> RunningStatistics.fold(new ArrayArithmetic(), 1.5, new double[1], new double[1],
                new double[1], new double[1])).hasMessageContaining("momentum must be in [0, 1], got 1.5");
    }
}
