package dev.zoo.api.spec;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of one example as it flows through a network, without the batch dimension:
 * {@code [channels, height, width]} for feature maps (NCHW order) and {@code [features]} after a
 * flatten or a global pool.
 */
public record Shape(List<Integer> dims) {

    public Shape {
        dims = List.copyOf(dims);
        if (dims.isEmpty()) {
            throw new IllegalArgumentException("shape: needs at least one dimension, got none");
        }
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("shape: every dimension must be >= 1, got " + dims);
            }
        }
    }

    /** A feature-map shape: channels x height x width. */
    public static Shape chw(int channels, int height, int width) {
        return new Shape(List.of(channels, height, width));
    }

    /** A flat shape of {@code features} values. */
    public static Shape flat(int features) {
        return new Shape(List.of(features));
    }

    /**
     * Parses {@code "3x32x32"} or {@code "784"}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Shape parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            int[] parts = Arrays.stream(t.split("[xX×,]")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (parts.length != 1 && parts.length != 3) {
                throw new NumberFormatException();
            }
            return new Shape(Arrays.stream(parts).boxed().toList());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("shape '" + text
                    + "': expected CxHxW (for example 3x32x32 or 1x28x28) or a single feature count, every dimension >= 1");
        }
    }

    public int rank() {
        return dims.size();
    }

    public int dim(int i) {
        return dims.get(i);
    }

    public boolean isImage() {
        return dims.size() == 3;
    }

    public int channels() {
        requireImage();
        return dims.get(0);
    }

    public int height() {
        requireImage();
        return dims.get(1);
    }

    public int width() {
        requireImage();
        return dims.get(2);
    }

    /** Number of values in one example of this shape. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /**
     * The dimensions of {@code examples} examples of this shape, batch first ({@code N, C, H, W}),
     * as engines size their input tensors; {@code -1} for a batch size known only when it runs.
     */
    public long[] batchOf(long examples) {
        long[] out = new long[dims.size() + 1];
        out[0] = examples;
        for (int i = 0; i < dims.size(); i++) {
            out[i + 1] = dims.get(i);
        }
        return out;
    }

    private void requireImage() {
        if (!isImage()) {
            throw new IllegalStateException("shape " + this + " is not a CxHxW feature map");
        }
    }

    @Override
    public String toString() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }
}
