package dev.zoo.datasets.pipeline;

import dev.zoo.datasets.format.LabeledImages;
import java.util.Arrays;

/**
 * Chooses which examples of a split take part: the first N, the first N of each class, and a
 * seeded train/validation split. Results keep the file order, so a subset is stable and readable.
 */
public final class ExampleSelection {

    private static final long SPLIT_SALT = 0x73706C6974L;

    private ExampleSelection() {
    }

    /** Indices 0..count-1. */
    public static int[] all(int count) {
        int[] all = new int[count];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /** The first {@code limit} of {@code indices} (all when limit is 0 or larger). */
    public static int[] firstN(int[] indices, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), got " + limit);
        }
        return limit == 0 || limit >= indices.length ? indices.clone() : Arrays.copyOf(indices, limit);
    }

    /** The first {@code perClass} examples of every class, in file order (all when 0). */
    public static int[] firstPerClass(LabeledImages images, int[] indices, int classes, int perClass) {
        if (perClass < 0) {
            throw new IllegalArgumentException("per-class limit must be >= 0 (0 = all), got " + perClass);
        }
        if (perClass == 0) {
            return indices.clone();
        }
        int[] taken = new int[classes];
        return Arrays.stream(indices).filter(i -> taken[images.label(i)]++ < perClass).toArray();
    }

    /** The two parts of a train/validation split. */
    public record Split(int[] train, int[] validation) {
    }

    /**
     * Puts {@code round(fraction x n)} examples, drawn with the seed, into validation and the rest
     * into training; both keep file order. Independent of the epoch, so it never changes in a run.
     */
    public static Split split(int[] indices, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must lie in [0, 1), got " + fraction);
        }
        int validation = (int) Math.round(fraction * indices.length);
        if (validation == 0) {
            return new Split(indices.clone(), new int[0]);
        }
        int[] drawn = new SeededRandom(SeededRandom.mix(seed ^ SPLIT_SALT)).shuffled(indices);
        int[] val = Arrays.copyOf(drawn, validation);
        int[] train = Arrays.copyOfRange(drawn, validation, drawn.length);
        Arrays.sort(val);
        Arrays.sort(train);
        return new Split(train, val);
    }
}
