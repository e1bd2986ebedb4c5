package dev.zoo.api.data;

import dev.zoo.api.spec.Shape;

/**
 * A batch of examples in the neutral form every backend accepts: images as NCHW float32 values
 * (already normalised) and one class label per example.
 *
 * @param images    {@code size * itemShape.size()} values, example after example, each in C, H, W order
 * @param labels    {@code size} class indices
 * @param size      number of examples
 * @param itemShape shape of one example (CxHxW)
 */
public record Batch(float[] images, int[] labels, int size, Shape itemShape) {

    public Batch {
        if (size < 1) {
            throw new IllegalArgumentException("batch: size must be >= 1, got " + size);
        }
        if (images == null || images.length != size * itemShape.size()) {
            throw new IllegalArgumentException("batch: " + size + " examples of " + itemShape + " need "
                    + size * itemShape.size() + " values, got " + (images == null ? "null" : images.length));
        }
        if (labels == null || labels.length != size) {
            throw new IllegalArgumentException("batch: " + size + " examples need " + size + " labels, got "
                    + (labels == null ? "null" : labels.length));
        }
    }

    /** The index in {@link #images} of the first NaN or infinite value, or -1 when every value is finite. */
    public int firstNonFinite() {
        for (int i = 0; i < images.length; i++) {
            if (!Float.isFinite(images[i])) {
                return i;
            }
        }
        return -1;
    }
}
