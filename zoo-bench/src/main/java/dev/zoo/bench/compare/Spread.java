package dev.zoo.bench.compare;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A rate measured over several timed rounds: the median, and the slowest and fastest round, so a
 * reader sees both the figure and how much the machine moved it.
 *
 * @param median the median round's rate
 * @param min    the slowest round's rate
 * @param max    the fastest round's rate
 * @param rounds how many rounds were timed
 */
public record Spread(double median, double min, double max, int rounds) {

    /** The spread of {@code rates}; fails when there is none. */
    public static Spread of(List<Double> rates) {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("spread: no timed rounds (too few steps after the warm-up)");
        }
        List<Double> sorted = sorted(rates);
        return new Spread(median(sorted), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    /** {@code values} in ascending order, in a new list. */
    static List<Double> sorted(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    /** The median of values already in ascending order: the middle one, or the mean of the middle two. */
    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
