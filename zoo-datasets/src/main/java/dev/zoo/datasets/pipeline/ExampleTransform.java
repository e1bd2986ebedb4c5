package dev.zoo.datasets.pipeline;

import dev.zoo.api.spec.Shape;

/**
 * Turns one stored example (bytes, CxHxW) into normalised floats in one pass: optional zero
 * padding to a larger size (28 -> 32), the standard CIFAR augmentation (random crop back to the
 * same size from a copy padded by 4 zero pixels, then a random horizontal flip, as
 * {@code RandomCrop(32, padding=4)} and {@code RandomHorizontalFlip()} of torchvision), and
 * per-channel normalisation. Padded pixels are black (byte 0) before normalisation, as there.
 * The random choices come from the example's own key, so they do not depend on batch order.
 */
public final class ExampleTransform {

    /** Zero padding on each side before the random crop. */
    public static final int CROP_PADDING = 4;

    private final Shape input;
    private final Shape output;
    private final boolean augment;
    private final float[][] lut;
    private final ChannelStats stats;

    /**
     * @param padTo 0 to keep the stored size, else the height and width to zero-pad to (not smaller)
     */
    public ExampleTransform(Shape input, int padTo, boolean augment, ChannelStats stats) {
        if (padTo < 0 || (padTo > 0 && (padTo < input.height() || padTo < input.width()))) {
            throw new IllegalArgumentException("pad to " + padTo + ": must be 0 (keep) or at least the stored size "
                    + input.height() + "x" + input.width());
        }
        if (stats.channels() != input.channels()) {
            throw new IllegalArgumentException("normalisation has " + stats.channels() + " channels, images have "
                    + input.channels() + " (" + input + ")");
        }
        this.input = input;
        this.output = padTo == 0 ? input : Shape.chw(input.channels(), padTo, padTo);
        this.augment = augment;
        this.stats = stats;
        this.lut = stats.lookupTable();
    }

    public Shape inputShape() {
        return input;
    }

    public Shape outputShape() {
        return output;
    }

    public boolean augments() {
        return augment;
    }

    public ChannelStats stats() {
        return stats;
    }

    /** The same transform without augmentation (for validation and test splits). */
    public ExampleTransform withoutAugmentation() {
        return augment ? new ExampleTransform(input, output == input ? 0 : output.height(), false, stats) : this;
    }

    /**
     * Writes example bytes {@code src[srcOffset ..]} as floats to {@code dst[dstOffset ..]}.
     *
     * @param exampleKey the example's random key (used only when augmenting)
     */
    public void apply(byte[] src, int srcOffset, float[] dst, int dstOffset, long exampleKey) {
        int channels = input.channels();
        int h0 = input.height();
        int w0 = input.width();
        int height = output.height();
        int width = output.width();
        int top = (height - h0) / 2;
        int left = (width - w0) / 2;
        int shiftY = 0;
        int shiftX = 0;
        boolean flip = false;
        if (augment) {
            SeededRandom random = new SeededRandom(exampleKey);
            shiftY = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
            shiftX = random.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
            flip = (random.nextLong() & 1) == 1;
        }
        int d = dstOffset;
        for (int c = 0; c < channels; c++) {
            float[] table = lut[c];
            float zero = table[0];
            int plane = srcOffset + c * h0 * w0;
            for (int y = 0; y < height; y++) {
                int sy = y + shiftY - top;
                if (sy < 0 || sy >= h0) {
                    java.util.Arrays.fill(dst, d, d + width, zero);
                    d += width;
                    continue;
                }
                int row = plane + sy * w0;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) + shiftX - left;
                    dst[d++] = sx >= 0 && sx < w0 ? table[src[row + sx] & 0xFF] : zero;
                }
            }
        }
    }
}
