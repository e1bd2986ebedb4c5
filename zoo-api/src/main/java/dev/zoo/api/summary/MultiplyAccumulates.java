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
 * Multiply-accumulates of one forward pass of one example, counted as torchvision counts the
 * GFLOPS it publishes: convolutions ({@code outH * outW * filters * inChannels * k * k}) and dense
 * layers ({@code in * units}); biases, batch norm, pooling, activations and the residual add cost
 * nothing. ResNet-50 at 3x224x224 gives 4,089,184,256 (torchvision: 4.09). Every layer kind is
 * answered for explicitly, so a new kind does not compile until its cost is decided.
 */
public final class MultiplyAccumulates {

    private MultiplyAccumulates() {
    }

    /** MACs of one node; 0 for composites (their children are counted). */
    public static long of(NodeShape node) {
        return node.layer().accept(new LayerVisitor<Long>() {
            @Override
            public Long visitConv2d(Conv2d conv, String path) {
                return node.output().size() * node.input().channels() * conv.kernel() * conv.kernel();
            }

            @Override
            public Long visitDense(Dense dense, String path) {
                return (long) node.input().dim(0) * dense.units();
            }

            @Override
            public Long visitPool(Pool layer, String path) {
                return 0L;
            }

            @Override
            public Long visitGlobalPool(GlobalPool layer, String path) {
                return 0L;
            }

            @Override
            public Long visitBatchNorm(BatchNorm layer, String path) {
                return 0L;
            }

            @Override
            public Long visitActivation(Activation layer, String path) {
                return 0L;
            }

            @Override
            public Long visitDropout(Dropout layer, String path) {
                return 0L;
            }

            @Override
            public Long visitFlatten(Flatten layer, String path) {
                return 0L;
            }

            @Override
            public Long visitLocalResponseNorm(LocalResponseNorm layer, String path) {
                return 0L;
            }

            @Override
            public Long visitSequential(Sequential layer, String path) {
                return 0L;
            }

            @Override
            public Long visitResidual(Residual layer, String path) {
                return 0L;
            }
        }, node.path());
    }

    /** MACs of the whole network. */
    public static long of(Architecture architecture) {
        return architecture.nodes().stream().mapToLong(MultiplyAccumulates::of).sum();
    }
}
