package dev.zoo.dl4j;

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

/** Small networks covering every layer kind, mirrored in {@code src/test/python/reference_networks.py}. */
final class TestNetworks {

    private TestNetworks() {
    }

    static Architecture byName(String name) {
        return switch (name) {
            case "conv_stack" -> convStack();
            case "residuals" -> residuals();
            case "global_max" -> globalMax();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** conv(bias) bn relu maxpool(k3 s2 p1) lrn(3) avgpool(k2 s1 p1) flatten dense tanh dropout bn sigmoid dense. */
    static Architecture convStack() {
        return new Architecture("conv_stack", "", Shape.chw(3, 8, 8), 5, Sequential.of("net",
                Conv2d.of("conv1", 4, 3, 1, 1),
                BatchNorm.of("bn1"),
                Activation.relu("relu1"),
                new Pool("pool1", PoolType.MAX, 3, 2, 1),
                new LocalResponseNorm("lrn", 3, 0.3, 0.75, 2.0),
                new Pool("pool2", PoolType.AVG, 2, 1, 1),
                new Flatten("flatten"),
                Dense.of("dense1", 6),
                new Activation("tanh", ActivationKind.TANH),
                new Dropout("drop", 0.0),
                BatchNorm.of("bn2"),
                new Activation("sigmoid", ActivationKind.SIGMOID),
                Dense.of("fc", 5)));
    }

    private static Residual block(String name, int filters, int stride, Shortcut shortcut) {
        return new Residual(name, Sequential.of("body",
                new Conv2d("conv1", filters, 3, stride, 1, false),
                BatchNorm.of("bn1"),
                Activation.relu("relu1"),
                new Conv2d("conv2", filters, 3, 1, 1, false),
                BatchNorm.of("bn2")), shortcut, ActivationKind.RELU);
    }

    /** Stem, an identity block, an option-A block, a projection block, global average pool, dense. */
    static Architecture residuals() {
        return new Architecture("residuals", "", Shape.chw(2, 8, 8), 3, Sequential.of("net",
                new Conv2d("stem", 4, 3, 1, 1, false),
                BatchNorm.of("bn"),
                Activation.relu("relu"),
                block("block1", 4, 1, Shortcut.identity()),
                block("block2", 8, 2, new Shortcut.ZeroPad(2, 8)),
                block("block3", 6, 1, new Shortcut.Projection(Sequential.of("shortcut",
                        new Conv2d("conv", 6, 1, 1, 0, false), BatchNorm.of("bn")))),
                GlobalPool.avg("gap"),
                Dense.of("fc", 3)));
    }

    /** conv(k2, no padding) relu global max pool dense. */
    static Architecture globalMax() {
        return new Architecture("global_max", "", Shape.chw(1, 5, 5), 2, Sequential.of("net",
                Conv2d.of("conv", 3, 2, 1, 0),
                Activation.relu("relu"),
                new GlobalPool("gmp", PoolType.MAX),
                Dense.of("fc", 2)));
    }
}
