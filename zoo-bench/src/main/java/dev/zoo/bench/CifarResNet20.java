package dev.zoo.bench;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import java.util.ArrayList;
import java.util.List;

/**
 * ResNet-20 for CIFAR (He et al. 2015, section 4.2, https://arxiv.org/abs/1512.03385): a 3x3
 * stem of 16 filters, three stages of three basic blocks (16, 32, 64 filters) with option-A
 * shortcuts, global average pooling and one dense layer. The benchmarks' zoo network until the
 * zoo module's {@code ModelZoo} is on this branch.
 */
public final class CifarResNet20 {

    private CifarResNet20() {
    }

    public static Architecture build(Shape input, int classes) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d("conv1", 16, 3, 1, 1, false));
        layers.add(BatchNorm.of("bn1"));
        layers.add(Activation.relu("relu1"));
        int in = 16;
        int[] widths = {16, 32, 64};
        for (int s = 0; s < widths.length; s++) {
            List<Layer> blocks = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                int out = widths[s];
                Sequential body = Sequential.of("body",
                        new Conv2d("conv1", out, 3, stride, 1, false), BatchNorm.of("bn1"), Activation.relu("relu1"),
                        new Conv2d("conv2", out, 3, 1, 1, false), BatchNorm.of("bn2"));
                Shortcut shortcut = stride == 1 && in == out ? Shortcut.identity() : new Shortcut.ZeroPad(stride, out);
                blocks.add(new Residual("block" + (b + 1), body, shortcut, ActivationKind.RELU));
                in = out;
            }
            layers.add(new Sequential("stage" + (s + 1), blocks));
        }
        layers.add(GlobalPool.avg("pool"));
        layers.add(Dense.of("fc", classes));
        return new Architecture("resnet20", "ResNet-20 for CIFAR, option-A shortcuts", input, classes,
                new Sequential("resnet20", layers));
    }
}
