package dev.zoo.api.zoo;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Layer;
import java.util.List;

/**
 * The two residual block bodies of He et al. 2015: two 3x3 convolutions (basic), or 1x1 reduce,
 * 3x3, 1x1 expand by 4 (bottleneck). As in torchvision (ResNet v1.5) the bottleneck strides on its
 * 3x3 convolution. Convolutions carry no bias: each is followed by batch norm.
 */
enum BlockKind {
    BASIC(1, 2),
    BOTTLENECK(4, 3);

    private final int expansion;
    private final int convolutions;

    BlockKind(int expansion, int convolutions) {
        this.expansion = expansion;
        this.convolutions = convolutions;
    }

    /** Output channels of a block of this kind and {@code width}. */
    int outChannels(int width) {
        return width * expansion;
    }

    /** Weight layers in one block (shortcut projections not counted, as in the paper). */
    int convolutions() {
        return convolutions;
    }

    /** The body without the final activation, which follows the add (or ends a plain block). */
    List<Layer> body(int width, int stride) {
        return switch (this) {
            case BASIC -> List.of(conv("conv1", width, 3, stride), BatchNorm.of("bn1"), Activation.relu("relu1"),
                    conv("conv2", width, 3, 1), BatchNorm.of("bn2"));
            case BOTTLENECK -> List.of(conv("conv1", width, 1, 1), BatchNorm.of("bn1"), Activation.relu("relu1"),
                    conv("conv2", width, 3, stride), BatchNorm.of("bn2"), Activation.relu("relu2"),
                    conv("conv3", outChannels(width), 1, 1), BatchNorm.of("bn3"));
        };
    }

    private static Layer conv(String name, int filters, int kernel, int stride) {
        return new Conv2d(name, filters, kernel, stride, kernel / 2, false);
    }
}
