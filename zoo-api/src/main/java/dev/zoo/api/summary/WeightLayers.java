package dev.zoo.api.summary;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.NodeShape;
import dev.zoo.api.spec.Residual;

/**
 * Depth as the papers count it: convolution and dense layers on the main path. Projection
 * shortcuts are not counted (ResNet-50 has 50, VGG-16 has 16, AlexNet 8).
 */
public final class WeightLayers {

    private WeightLayers() {
    }

    /** Number of weight layers of {@code architecture}. */
    public static int depth(Architecture architecture) {
        return (int) architecture.nodes().stream().filter(WeightLayers::counts).count();
    }

    private static boolean counts(NodeShape node) {
        boolean weighted = node.layer() instanceof Conv2d || node.layer() instanceof Dense;
        String segment = "." + Residual.SHORTCUT + ".";
        return weighted && !("." + node.path() + ".").contains(segment);
    }
}
