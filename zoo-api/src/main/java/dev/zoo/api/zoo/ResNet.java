package dev.zoo.api.zoo;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import java.util.ArrayList;
import java.util.List;

/**
 * Residual networks (He et al. 2015, <a href="https://arxiv.org/abs/1512.03385">arXiv:1512.03385</a>)
 * and their plain twins, built from a {@link ResNetConfig}. The ImageNet stem ({@code stem}) is a 7x7
 * stride-2 convolution and a 3x3 stride-2 max pool; the small-image stem ({@code stem_cifar}) is one
 * 3x3 stride-1 convolution without pool. Stages are {@code stage1...}, blocks {@code block1...}; the
 * head is a global average pool and one dense layer. The shortcut is derived, never spelled out: the
 * identity where a block keeps its shape, otherwise option A (zero padding) or B (projection).
 */
final class ResNet {

    static final String PAPER = "https://arxiv.org/abs/1512.03385";

    private ResNet() {
    }

    /** How the blocks join their input back in. */
    enum Skip {
        /** Residual blocks with the given shortcut option where shapes change. */
        RESIDUAL,
        /** No skip connections at all: the plain network of the paper. */
        NONE
    }

    static Architecture build(String name, String title, ResNetConfig config, Shape input, int classes,
            boolean smallStem, ShortcutOption shortcut, Skip skip) {
        List<Layer> layers = new ArrayList<>();
        int stemWidth = config.widths().get(0);
        if (smallStem) {
            layers.add(Sequential.of("stem_cifar", new Conv2d("conv", stemWidth, 3, 1, 1, false), BatchNorm.of("bn"),
                    Activation.relu("relu")));
        } else {
            layers.add(Sequential.of("stem", new Conv2d("conv", stemWidth, 7, 2, 3, false), BatchNorm.of("bn"),
                    Activation.relu("relu"), new Pool("pool", PoolType.MAX, 3, 2, 1)));
        }
        int channels = stemWidth;
        for (int s = 0; s < config.stageDepths().size(); s++) {
            int width = config.widths().get(s);
            List<Layer> blocks = new ArrayList<>();
            for (int b = 0; b < config.stageDepths().get(s); b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                blocks.add(block("block" + (b + 1), config.block(), channels, width, stride, shortcut, skip));
                channels = config.block().outChannels(width);
            }
            layers.add(new Sequential("stage" + (s + 1), blocks));
        }
        layers.add(Sequential.of("head", GlobalPool.avg("pool"), Dense.of("fc", classes)));
        String stem = smallStem ? "CIFAR stem (3x3 stride 1, no max-pool)" : "ImageNet stem (7x7 stride 2, max-pool)";
        String joins = skip == Skip.NONE ? "no skip connections"
                : shortcut == ShortcutOption.A ? "zero-padding shortcuts (option A)" : "projection shortcuts (option B)";
        return new Architecture(name, title + ", " + stem + ", " + joins + "; " + PAPER, input, classes,
                new Sequential(name, layers));
    }

    private static Layer block(String name, BlockKind kind, int in, int width, int stride, ShortcutOption option,
            Skip skip) {
        List<Layer> body = kind.body(width, stride);
        if (skip == Skip.NONE) {
            List<Layer> plain = new ArrayList<>(body);
            plain.add(Activation.relu("relu"));
            return new Sequential(name, plain);
        }
        return new Residual(name, new Sequential("body", body), shortcut(in, kind.outChannels(width), stride, option),
                ActivationKind.RELU);
    }

    /** The identity where the block keeps its shape; otherwise option A or B. */
    private static Shortcut shortcut(int in, int out, int stride, ShortcutOption option) {
        if (stride == 1 && in == out) {
            return Shortcut.identity();
        }
        if (option == ShortcutOption.A) {
            return new Shortcut.ZeroPad(stride, out);
        }
        return new Shortcut.Projection(Sequential.of(Residual.SHORTCUT, new Conv2d("conv", out, 1, stride, 0, false),
                BatchNorm.of("bn")));
    }
}
