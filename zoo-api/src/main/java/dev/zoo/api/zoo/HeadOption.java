package dev.zoo.api.zoo;

import dev.zoo.api.spec.Shape;

/**
 * Which stem and classifier head a model gets: the ImageNet form of the paper, the small-image
 * form for 32x32 (CIFAR) and 28x28 (Fashion-MNIST) inputs, or whichever fits the input.
 */
public enum HeadOption {
    /** Small form when the input is smaller than {@link #SMALL_INPUT_BELOW} pixels on a side. */
    AUTO,
    /** The paper's ImageNet stem and classifier. */
    IMAGENET,
    /** The small-image stem and classifier. */
    SMALL;

    /** Inputs with a side below this many pixels get the small form under {@link #AUTO}. */
    public static final int SMALL_INPUT_BELOW = 64;

    /** Whether this choice means the small form for {@code input}. */
    public boolean small(Shape input) {
        return switch (this) {
            case IMAGENET -> false;
            case SMALL -> true;
            case AUTO -> input.isImage() && Math.min(input.height(), input.width()) < SMALL_INPUT_BELOW;
        };
    }
}
