package dev.zoo.datasets.format;

import dev.zoo.api.spec.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Decoded examples kept as they are stored, one unsigned byte per value in C, H, W order: a
 * quarter of the memory of floats, and the pipeline converts each batch when it is served.
 */
public final class LabeledImages {

    private final byte[] pixels;
    private final int[] labels;
    private final Shape itemShape;
    private final int itemSize;

    /**
     * @param pixels    {@code labels.length * itemShape.size()} bytes, example after example
     * @param labels    one class index per example
     * @param itemShape CxHxW of one example
     */
    public LabeledImages(byte[] pixels, int[] labels, Shape itemShape) {
        if (!itemShape.isImage()) {
            throw new IllegalArgumentException("labeled images: item shape must be CxHxW, got " + itemShape);
        }
        this.itemSize = Math.toIntExact(itemShape.size());
        if ((long) labels.length * itemSize != pixels.length) {
            throw new IllegalArgumentException("labeled images: " + labels.length + " examples of " + itemShape
                    + " need " + (long) labels.length * itemSize + " bytes, got " + pixels.length);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.itemShape = itemShape;
    }

    /** Joins several parts of one split (the five CIFAR-10 training batches) in order. */
    public static LabeledImages concat(List<LabeledImages> parts) {
        Shape shape = parts.get(0).itemShape;
        int count = 0;
        for (LabeledImages p : parts) {
            if (!p.itemShape.equals(shape)) {
                throw new IllegalArgumentException("labeled images: cannot join " + shape + " with " + p.itemShape);
            }
            count += p.count();
        }
        byte[] pixels = new byte[Math.multiplyExact(count, parts.get(0).itemSize)];
        int[] labels = new int[count];
        int at = 0;
        for (LabeledImages p : parts) {
            System.arraycopy(p.pixels, 0, pixels, at * p.itemSize, p.pixels.length);
            System.arraycopy(p.labels, 0, labels, at, p.labels.length);
            at += p.count();
        }
        return new LabeledImages(pixels, labels, shape);
    }

    /** The examples {@code indices}, in that order, as a new set. */
    public LabeledImages select(int[] indices) {
        byte[] px = new byte[Math.multiplyExact(indices.length, itemSize)];
        int[] lab = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * itemSize, px, i * itemSize, itemSize);
            lab[i] = labels[indices[i]];
        }
        return new LabeledImages(px, lab, itemShape);
    }

    public int count() {
        return labels.length;
    }

    public Shape itemShape() {
        return itemShape;
    }

    /** Number of bytes of one example. */
    public int itemSize() {
        return itemSize;
    }

    public int label(int example) {
        return labels[example];
    }

    /** Value {@code index} (C, H, W order) of example {@code example}, 0..255. */
    public int pixel(int example, int index) {
        return pixels[example * itemSize + index] & 0xFF;
    }

    /** The backing bytes, shared (not copied) for the pipeline's inner loop; do not modify. */
    public byte[] rawPixels() {
        return pixels;
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of examples per class, for class counts 0..classes-1. */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return "LabeledImages[" + count() + " x " + itemShape + ", labels " + Arrays.toString(
                Arrays.copyOf(labels, Math.min(5, labels.length))) + "...]";
    }
}
