package dev.zoo.testkit;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import java.util.List;

/**
 * Tiny hand-made architectures that between them use every layer kind and every shortcut, small
 * enough for float64 finite-difference gradient checks.
 */
public final class SmallArchitectures {

    private SmallArchitectures() {
    }

    /** AlexNet's pieces: biased convolutions, LRN, overlapping max pooling, padded average pooling, dropout. */
    public static Architecture alexLike(Shape input, int classes) {
        return new Architecture("alex_like", "AlexNet pieces in miniature", input, classes, Sequential.of("net",
                Conv2d.of("conv1", 4, 3, 1, 1),
                Activation.relu("relu1"),
                new LocalResponseNorm("lrn1", 3, 1e-2, 0.75, 2.0),
                new Pool("pool1", PoolType.MAX, 3, 2, 1),
                Conv2d.of("conv2", 5, 3, 1, 1),
                new Activation("tanh2", ActivationKind.TANH),
                new Pool("pool2", PoolType.AVG, 3, 1, 1),
                new Flatten("flatten"),
                Dense.of("fc1", 6),
                new Activation("sigmoid", ActivationKind.SIGMOID),
                new Dropout("drop", 0.5),
                Dense.of("fc2", classes)));
    }

    /** ResNet's pieces: identity, option-A zero-pad and projection shortcuts, batch norm, global pooling. */
    public static Architecture resLike(Shape input, int classes) {
        Sequential identityBody = Sequential.of("body",
                Conv2d.of("conv1", 4, 3, 1, 1).withoutBias(), BatchNorm.of("bn1"), Activation.relu("relu1"),
                Conv2d.of("conv2", 4, 3, 1, 1).withoutBias(), BatchNorm.of("bn2"));
        Sequential zeroPadBody = Sequential.of("body",
                Conv2d.of("conv1", 6, 3, 2, 1).withoutBias(), BatchNorm.of("bn1"), Activation.relu("relu1"),
                Conv2d.of("conv2", 6, 3, 1, 1).withoutBias(), BatchNorm.of("bn2"));
        Sequential projectionBody = Sequential.of("body",
                Conv2d.of("conv1", 8, 3, 2, 1).withoutBias(), BatchNorm.of("bn1"), Activation.relu("relu1"),
                Conv2d.of("conv2", 8, 3, 1, 1).withoutBias(), BatchNorm.of("bn2"));
        Sequential projection = Sequential.of(Residual.SHORTCUT,
                Conv2d.of("conv", 8, 1, 2, 0).withoutBias(), BatchNorm.of("bn"));
        return new Architecture("res_like", "ResNet pieces in miniature", input, classes, Sequential.of("net",
                Conv2d.of("conv1", 4, 3, 1, 1).withoutBias(),
                BatchNorm.of("bn1"),
                Activation.relu("relu1"),
                new Residual("block1", identityBody, Shortcut.identity(), ActivationKind.RELU),
                new Residual("block2", zeroPadBody, new Shortcut.ZeroPad(2, 6), ActivationKind.RELU),
                new Residual("block3", projectionBody, new Shortcut.Projection(projection), ActivationKind.RELU),
                GlobalPool.avg("pool"),
                Dense.of("fc", classes)));
    }

    /** Batch norm on flat features, global max pooling, a dense layer without bias, no final activation. */
    public static Architecture flatLike(Shape input, int classes) {
        return new Architecture("flat_like", "flat batch norm and global max pooling", input, classes,
                Sequential.of("net",
                        Conv2d.of("conv", 8, 3, 1, 1),
                        new GlobalPool("gmax", PoolType.MAX),
                        new Dense("fc1", 10, false),
                        BatchNorm.of("bn"),
                        Activation.relu("relu"),
                        new Residual("res", Sequential.of("body", Dense.of("fc", 10)), Shortcut.identity(), null),
                        Dense.of("fc2", classes)));
    }

    /** Every small architecture at {@code input} with {@code classes} outputs. */
    public static List<Architecture> all(Shape input, int classes) {
        return List.of(alexLike(input, classes), resLike(input, classes), flatLike(input, classes));
    }
}
