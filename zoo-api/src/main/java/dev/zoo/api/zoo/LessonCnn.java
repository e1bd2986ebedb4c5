package dev.zoo.api.zoo;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;

/**
 * The small Keras network the lesson starts with: Conv2D(16, 3x3, valid, ReLU), MaxPool 2x2,
 * Conv2D(32, 3x3, valid, ReLU), MaxPool 2x2, Flatten, Dense(256, ReLU), Dense(classes). It works
 * on any input from about 10x10 up (3x32x32 CIFAR, 1x28x28 Fashion-MNIST).
 */
final class LessonCnn {

    private LessonCnn() {
    }

    static Architecture build(String name, Shape input, int classes) {
        Sequential network = Sequential.of(name, Conv2d.of("conv1", 16, 3, 1, 0), Activation.relu("relu1"),
                Pool.max("pool1", 2, 2), Conv2d.of("conv2", 32, 3, 1, 0), Activation.relu("relu2"),
                Pool.max("pool2", 2, 2), new Flatten("flatten"), Dense.of("fc1", 256), Activation.relu("relu3"),
                Dense.of("fc2", classes));
        return new Architecture(name, "the lesson's first CNN: two 3x3 conv + 2x2 max-pool stages, a 256-unit dense layer",
                input, classes, network);
    }
}
