package dev.zoo.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.NormalInitializer;

/**
 * The lesson CNN written directly with DJL's blocks: Conv2D(16, 3x3, valid, ReLU), MaxPool 2x2,
 * Conv2D(32, 3x3, valid, ReLU), MaxPool 2x2, Flatten, Dense(256, ReLU), Dense(classes). It starts
 * from the compiled network's initialisation (torchvision's: He normal with fan-out for the
 * convolutions, N(0, 0.01) for the dense layers), because the speed of max pooling's gradient can
 * depend on the values it sees.
 */
public final class HandWrittenLessonCnn {

    private HandWrittenLessonCnn() {
    }

    public static Block build(int classes) {
        return new SequentialBlock()
                .add(conv(16)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(32)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(dense(256)).add(Activation.reluBlock())
                .add(dense(classes));
    }

    private static Block conv(int filters) {
        Block conv = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).build();
        conv.setInitializer(new NormalInitializer((float) Math.sqrt(2.0 / (filters * 9))), Parameter.Type.WEIGHT);
        return conv;
    }

    private static Block dense(int units) {
        Block dense = Linear.builder().setUnits(units).build();
        dense.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        return dense;
    }
}
