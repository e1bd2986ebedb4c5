package dev.zoo.api.zoo;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * VGG (Simonyan and Zisserman 2014, <a href="https://arxiv.org/abs/1409.1556">arXiv:1409.1556</a>)
 * built from a {@link VggConfig}, optionally with batch norm after every convolution, as
 * torchvision. Blocks are named {@code block1 ... block5} (a block ends at a max pool), layers
 * {@code conv1, bn1, relu1, ..., pool}. The ImageNet head is torchvision's 4096-4096 classifier;
 * the small-image head is a global average pool and one dense layer, and in the small form a max
 * pool is left out when the map is already 1 pixel (so 28x28 inputs work).
 */
final class Vgg {

    static final String PAPER = "https://arxiv.org/abs/1409.1556";

    private Vgg() {
    }

    static Architecture build(String name, VggConfig config, boolean batchNorm, Shape input, int classes,
            boolean small) {
        List<Layer> layers = new ArrayList<>();
        FeatureMap map = new FeatureMap(input.height(), input.width());
        List<Layer> block = new ArrayList<>();
        int conv = 0;
        for (String item : config.items()) {
            if (item.equals(VggConfig.POOL)) {
                if (!small || Math.min(map.height(), map.width()) >= 2) {
                    block.add(Pool.max("pool", 2, 2));
                    map = map.window(2, 2, 0);
                }
                layers.add(new Sequential("block" + (layers.size() + 1), block));
                block = new ArrayList<>();
                conv = 0;
                continue;
            }
            conv++;
            block.add(Conv2d.of("conv" + conv, Integer.parseInt(item), 3, 1, 1));
            if (batchNorm) {
                block.add(BatchNorm.of("bn" + conv));
            }
            block.add(Activation.relu("relu" + conv));
        }
        if (small) {
            layers.add(Sequential.of("head_small", GlobalPool.avg("pool"), Dense.of("fc", classes)));
        } else {
            map.adaptiveAverage("avgpool", 7).ifPresent(layers::add);
            layers.add(Sequential.of("head", new Flatten("flatten"), Dense.of("fc1", 4096), Activation.relu("relu1"),
                    new Dropout("drop1", 0.5), Dense.of("fc2", 4096), Activation.relu("relu2"),
                    new Dropout("drop2", 0.5), Dense.of("fc3", classes)));
        }
        String form = small ? "small-image head (global average pool, one dense layer)" : "ImageNet head as torchvision";
        String title = "VGG-" + config.depth() + (batchNorm ? " with batch norm" : "");
        return new Architecture(name, title + ", " + form + "; " + PAPER, input, classes,
                new Sequential(name, layers));
    }
}
