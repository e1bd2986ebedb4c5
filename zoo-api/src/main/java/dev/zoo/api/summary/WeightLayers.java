package dev.zoo.api.summary;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.LayerVisitor;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.NodeShape;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;

/**
 * Depth as the papers count it: convolution and dense layers on the main path. Projection
 * shortcuts are not counted (ResNet-50 has 50, VGG-16 has 16, AlexNet 8). Every layer kind is
 * answered for explicitly, so a new kind does not compile until it is decided whether it counts.
 */
public final class WeightLayers {

    /** Whether a node of each kind is a weight layer in the papers' count. */
    private static final LayerVisitor<Boolean> WEIGHTED = new LayerVisitor<>() {
        @Override
        public Boolean visitConv2d(Conv2d layer, String path) {
            return true;
        }

        @Override
        public Boolean visitDense(Dense layer, String path) {
            return true;
        }

        @Override
        public Boolean visitPool(Pool layer, String path) {
            return false;
        }

        @Override
        public Boolean visitGlobalPool(GlobalPool layer, String path) {
            return false;
        }

        @Override
        public Boolean visitBatchNorm(BatchNorm layer, String path) {
            return false;
        }

        @Override
        public Boolean visitActivation(Activation layer, String path) {
            return false;
        }

        @Override
        public Boolean visitDropout(Dropout layer, String path) {
            return false;
        }

        @Override
        public Boolean visitFlatten(Flatten layer, String path) {
            return false;
        }

        @Override
        public Boolean visitLocalResponseNorm(LocalResponseNorm layer, String path) {
            return false;
        }

        @Override
        public Boolean visitSequential(Sequential layer, String path) {
            return false;
        }

        @Override
        public Boolean visitResidual(Residual layer, String path) {
            return false;
        }
    };

    private WeightLayers() {
    }

    /** Number of weight layers of {@code architecture}. */
    public static int depth(Architecture architecture) {
        return (int) architecture.nodes().stream().filter(WeightLayers::counts).count();
    }

    private static boolean counts(NodeShape node) {
        String segment = "." + Residual.SHORTCUT + ".";
        return node.layer().accept(WEIGHTED, node.path()) && !("." + node.path() + ".").contains(segment);
    }
}
