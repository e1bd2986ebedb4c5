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
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }
}
