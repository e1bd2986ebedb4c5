package dev.zoo.bench.compare;

import java.util.List;

/**
 * One runner's speed over another's: the median of the round-by-round ratios of their processes,
 * and a 95% interval for that median, so a reader sees whether a ratio is told apart from 1 or
 * from a target. The interval is the distribution-free one of order statistics ({@code x(k)} to
 * {@code x(n+1-k)}, {@code k} from the binomial distribution with p = 1/2); it takes rounds as
 * independent, and rounds of one process share whatever that process settled at its start, so
 * read it as the least uncertainty there is.
 *
 * @param median the median ratio
 * @param low    the lower end of the interval
 * @param high   the upper end of the interval
 * @param pairs  how many round-by-round ratios there were
 */
public record Ratio(double median, double low, double high, int pairs) {

    /** The confidence of the interval. */
    static final double CONFIDENCE = 0.95;

    /** The ratio of {@code ratios}; fails when there is none. */
    public static Ratio of(List<Double> ratios) {
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("ratio: no round timed both runners");
        }
        List<Double> sorted = Spread.sorted(ratios);
        int n = sorted.size();
        int k = lowerRank(n);
        return new Ratio(Spread.median(sorted), sorted.get(k - 1), sorted.get(n - k), n);
    }

    /**
     * The 1-based rank {@code k} of the interval's lower end among {@code n} sorted values: the
     * largest {@code k} with {@code P(B <= k - 1) <= (1 - CONFIDENCE) / 2} for {@code B ~ Bin(n, 1/2)},
     * or 1 (the whole range) when even that is more likely, under six values.
     */
    static int lowerRank(int n) {
        double tail = (1 - CONFIDENCE) / 2;
        double term = Math.pow(0.5, n); // P(B = 0)
        double cumulative = term;
        int k = 1;
        for (int i = 1; i <= n && cumulative <= tail; i++) {
            k = i; // P(B <= i - 1) <= tail
            term *= (double) (n - i + 1) / i;
            cumulative += term;
        }
        return k;
    }
}
