package dev.zoo.api.zoo;

import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Pool;
import java.util.Optional;

/**
 * The spatial size of a feature map as builders track it, and torchvision's adaptive average
 * pool expressed with a plain {@link Pool}.
 *
 * <p>torchvision puts {@code AdaptiveAvgPool2d((7, 7))} (VGG) or {@code ((6, 6))} (AlexNet) before
 * the classifier. At 224x224 input the map already has that size, so the pool is an identity and
 * the zoo leaves it out. When the map is an exact multiple of the target, the adaptive pool equals
 * an average pool with kernel = stride = side / target, which the zoo inserts as {@code avgpool}.
 * For any other size the classifier is sized to the map it really gets (its first dense layer then
 * has a different fan-in than torchvision's).
 */
record FeatureMap(int height, int width) {

    /** The map after a square window op; a side is 0 when the window does not fit (shape inference then says why). */
    FeatureMap window(int kernel, int stride, int padding) {
        return new FeatureMap(side(height, kernel, stride, padding), side(width, kernel, stride, padding));
    }

    private static int side(int side, int kernel, int stride, int padding) {
        int span = side + 2 * padding - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    /** The pool that brings this map to {@code target}x{@code target}, when one is needed and exact. */
    Optional<Layer> adaptiveAverage(String name, int target) {
        if (height != width || height <= target || height % target != 0) {
            return Optional.empty();
        }
        int k = height / target;
        return Optional.of(Pool.avg(name, k, k));
    }
}
