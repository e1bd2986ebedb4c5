package dev.zoo.cli;

import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.SpecException;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.util.Optional;

/**
 * The smallest square input a zoo model accepts with given options, so that a rejected
 * {@code --input} can be answered with one that works. Every zoo model only shrinks its maps by
 * strides and windows, so acceptance grows with the size and a binary search finds the edge.
 */
final class SmallestInput {

    /** Largest side searched; anything a zoo model rejects above this is not a size problem. */
    static final int MAX_SIDE = 4096;

    private SmallestInput() {
    }

    /** The smallest {@code C x S x S} the model builds with, for the channels of {@code options.input()}. */
    static Optional<Shape> of(String name, ZooOptions options) {
        int channels = options.input().channels();
        if (!builds(name, options, channels, MAX_SIDE)) {
            return Optional.empty();
        }
        int lo = 1;
        int hi = MAX_SIDE;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (builds(name, options, channels, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Optional.of(Shape.chw(channels, lo, lo));
    }

    private static boolean builds(String name, ZooOptions options, int channels, int side) {
        try {
            ModelZoo.build(name, options.withInput(Shape.chw(channels, side, side)));
            return true;
        } catch (SpecException e) {
            return false;
        }
    }
}
