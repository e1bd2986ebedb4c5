package dev.zoo.api.summary;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.NodeShape;

/**
 * Multiply-accumulates of one forward pass of one example, counted as torchvision counts the
 * GFLOPS it publishes: convolutions ({@code outH * outW * filters * inChannels * k * k}) and dense
 * layers ({@code in * units}); biases, batch norm, pooling, activations and the residual add cost
 * nothing. ResNet-50 at 3x224x224 gives 4,089,184,256 (torchvision: 4.09).
 */
public final class MultiplyAccumulates {

    private MultiplyAccumulates() {
    }

    /** MACs of one node; 0 for composites (their children are counted). */
    public static long of(NodeShape node) {
        if (node.layer() instanceof Conv2d conv) {
            return node.output().size() * node.input().channels() * conv.kernel() * conv.kernel();
        }
        if (node.layer() instanceof Dense dense) {
            return (long) node.input().dim(0) * dense.units();
        }
        return 0;
    }

    /** MACs of the whole network. */
    public static long of(Architecture architecture) {
        return architecture.nodes().stream().mapToLong(MultiplyAccumulates::of).sum();
    }
}
