package dev.zoo.bench.compare;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * One runner's speed over another's: the median of the round-by-round ratios of their processes,
 * and a 95% interval for that median, so a reader sees whether a ratio is told apart from 1 or
 * from a target. The interval is the distribution-free one of order statistics ({@code x(k)} to
 * {@code x(n+1-k)}, {@code k} from the binomial distribution with p = 1/2); it takes rounds as
 * independent, and rounds of one process share whatever that process settled at its start, so
 * read it as the least uncertainty there is. Under six ratios no interval reaches 95%: then both
 * ends are NaN.
 *
 * @param median the median ratio
 * @param low    the lower end of the interval, or NaN
 * @param high   the upper end of the interval, or NaN
 * @param pairs  how many round-by-round ratios there were (0 when read from a file without them)
 */
public record Ratio(double median, double low, double high, int pairs) {

    /** The confidence of the interval. */
    static final double CONFIDENCE = 0.95;

    /** Fewest ratios for which an interval reaches {@link #CONFIDENCE}. */
    static final int FEWEST = 6;

    /** The ratio of {@code ratios}; fails when there is none. */
    public static Ratio of(List<Double> ratios) {
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("ratio: no round timed both runners");
        }
        List<Double> sorted = Spread.sorted(ratios);
        int n = sorted.size();
        double median = Spread.median(sorted);
        if (n < FEWEST) {
            return new Ratio(median, Double.NaN, Double.NaN, n);
        }
        int k = lowerRank(n);
        return new Ratio(median, sorted.get(k - 1), sorted.get(n - k), n);
    }

    /** A bare median, as comparison files written before intervals hold it. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Ratio ofMedian(double median) {
        return new Ratio(median, Double.NaN, Double.NaN, 0);
    }

    /** True when the interval is known. */
    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /**
     * The 1-based rank {@code k} of the interval's lower end among {@code n >= 6} sorted values: the
     * largest {@code k} with {@code P(B <= k - 1) <= (1 - CONFIDENCE) / 2} for {@code B ~ Bin(n, 1/2)}.
     * The binomial terms are summed from their logarithms, which stay finite for any {@code n}.
     */
    static int lowerRank(int n) {
        double tail = (1 - CONFIDENCE) / 2;
        double logTerm = n * Math.log(0.5); // log P(B = 0)
        double cumulative = Math.exp(logTerm);
        int k = 1;
        for (int i = 1; i <= n && cumulative <= tail; i++) {
            k = i; // P(B <= i - 1) <= tail
            logTerm += Math.log((double) (n - i + 1) / i);
            cumulative += Math.exp(logTerm);
        }
        return k;
    }
}
