package dev.zoo.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The median ratio and its distribution-free 95% interval. */
class RatioTest {

    @Test
    void theLowerRankMatchesTheBinomialTables() {
        // ranks of the 95% interval for the median from published tables (n: k)
        assertThat(Ratio.lowerRank(6)).isEqualTo(1);
        assertThat(Ratio.lowerRank(8)).isEqualTo(1);
        assertThat(Ratio.lowerRank(9)).isEqualTo(2);
        assertThat(Ratio.lowerRank(12)).isEqualTo(3);
        assertThat(Ratio.lowerRank(18)).isEqualTo(5);
        assertThat(Ratio.lowerRank(24)).isEqualTo(7);
        assertThat(Ratio.lowerRank(36)).isEqualTo(12);
        // large counts stay finite: the normal approximation n/2 - 0.98 sqrt(n), within a rank
        for (int n : new int[] {1074, 1075, 5000, 100_000}) {
            assertThat((double) Ratio.lowerRank(n)).as("n = %d", n)
                    .isCloseTo(n / 2.0 - 0.98 * Math.sqrt(n), org.assertj.core.data.Offset.offset(1.5));
        }
    }

    @Test
    void underSixRatiosThereIsOnlyTheMedian() {
        Ratio r = Ratio.of(List.of(0.9, 1.1, 1.0));
        assertThat(r.median()).isEqualTo(1.0);
        assertThat(r.hasInterval()).isFalse();
        assertThat(ComparisonReport.ratio(r)).isEqualTo("1.00");
        assertThat(ComparisonReport.ratio(Ratio.of(List.of(0.9, 1.1, 1.0, 0.8, 1.2, 1.04))))
                .isEqualTo("1.02 (0.80-1.20)");
    }

    @Test
    void ratiosRoundTripThroughJsonAndOldFilesWithABareMedianStillRead() throws Exception {
        var mapper = dev.zoo.api.train.TrainingJson.mapper();
        Ratio full = new Ratio(1.02, 0.95, 1.08, 12);
        assertThat(mapper.readValue(mapper.writeValueAsString(full), Ratio.class)).isEqualTo(full);
        Ratio bare = Ratio.of(List.of(1.0, 1.0));
        assertThat(mapper.readValue(mapper.writeValueAsString(bare), Ratio.class)).isEqualTo(bare);
        Ratio old = mapper.readValue("1.02", Ratio.class);
        assertThat(old.median()).isEqualTo(1.02);
        assertThat(old.hasInterval()).isFalse();
        assertThat(ComparisonReport.ratio(old)).isEqualTo("1.02");
    }

    @Test
    void theIntervalIsTheOrderStatisticsAroundTheMedian() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 18; i++) {
            values.add(i / 10.0);
        }
        Collections.shuffle(values, new Random(7));
        assertThat(Ratio.of(values)).isEqualTo(new Ratio(0.95, 0.5, 1.4, 18));
    }

    @Test
    void theIntervalCoversTheTrueMedianAtLeastNineteenTimesInTwenty() {
        Random random = new Random(11);
        int covered = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                ratios.add(Math.exp(0.1 * random.nextGaussian())); // log-normal around 1
            }
            Ratio r = Ratio.of(ratios);
            if (r.low() <= 1.0 && 1.0 <= r.high()) {
                covered++;
            }
        }
        assertThat((double) covered / trials).isBetween(0.95, 0.99);
    }

    @Test
    void noRatiosIsAnError() {
        assertThatThrownBy(() -> Ratio.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no round");
    }
}
