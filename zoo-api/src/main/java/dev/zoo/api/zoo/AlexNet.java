package dev.zoo.api.zoo;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * AlexNet (Krizhevsky, Sutskever and Hinton 2012,
 * <a href="https://papers.nips.cc/paper/4824">NeurIPS</a>) in torchvision's single-tower form
 * (64-192-384-256-256 filters, no local response norm, overlapping 3x3 stride-2 max pools), and a
 * small-image form: a 3x3 stride-1 first convolution, 2x2 pools and a 512-wide classifier.
 */
final class AlexNet {

    static final String PAPER = "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks";

    /** One convolution of the feature extractor: filters, kernel, stride, padding, then a pool or not. */
    private record ConvSpec(int filters, int kernel, int stride, int padding, boolean poolAfter) {
    }

    private static final List<ConvSpec> IMAGENET = List.of(new ConvSpec(64, 11, 4, 2, true),
            new ConvSpec(192, 5, 1, 2, true), new ConvSpec(384, 3, 1, 1, false), new ConvSpec(256, 3, 1, 1, false),
            new ConvSpec(256, 3, 1, 1, true));

    private static final List<ConvSpec> SMALL = List.of(new ConvSpec(64, 3, 1, 1, true),
            new ConvSpec(192, 5, 1, 2, true), new ConvSpec(384, 3, 1, 1, false), new ConvSpec(256, 3, 1, 1, false),
            new ConvSpec(256, 3, 1, 1, true));

    private AlexNet() {
    }

    static Architecture build(String name, Shape input, int classes, boolean small) {
        List<Layer> layers = new ArrayList<>();
        FeatureMap map = new FeatureMap(input.height(), input.width());
        int poolKernel = small ? 2 : 3;
        List<Layer> features = new ArrayList<>();
        List<ConvSpec> convs = small ? SMALL : IMAGENET;
        for (int i = 0; i < convs.size(); i++) {
            ConvSpec c = convs.get(i);
            int n = i + 1;
            features.add(Conv2d.of("conv" + n, c.filters(), c.kernel(), c.stride(), c.padding()));
            features.add(Activation.relu("relu" + n));
            map = map.window(c.kernel(), c.stride(), c.padding());
            if (c.poolAfter()) {
                features.add(Pool.max("pool" + n, poolKernel, 2));
                map = map.window(poolKernel, 2, 0);
            }
        }
        layers.add(new Sequential(small ? "features_small" : "features", features));
        int width = small ? 512 : 4096;
        if (!small) {
            map.adaptiveAverage("avgpool", 6).ifPresent(layers::add);
        }
        layers.add(Sequential.of(small ? "head_small" : "head", new Flatten("flatten"), new Dropout("drop1", 0.5),
                Dense.of("fc1", width), Activation.relu("relu1"), new Dropout("drop2", 0.5), Dense.of("fc2", width),
                Activation.relu("relu2"), Dense.of("fc3", classes)));
        String form = small ? "small-image form (3x3 stride-1 first conv, 2x2 pools, 512-wide head)"
                : "ImageNet form as torchvision";
        return new Architecture(name, "AlexNet, " + form + "; " + PAPER, input, classes,
                new Sequential(name, layers));
    }
}
