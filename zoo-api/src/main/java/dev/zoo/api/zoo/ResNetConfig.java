package dev.zoo.api.zoo;

import java.util.List;

/**
 * A ResNet depth as data: the block kind, the number of blocks per stage and the stage widths.
 * Every stage after the first halves the map with stride 2 in its first block.
 */
record ResNetConfig(BlockKind block, List<Integer> stageDepths, List<Integer> widths) {

    static final List<Integer> IMAGENET_WIDTHS = List.of(64, 128, 256, 512);
    static final List<Integer> CIFAR_WIDTHS = List.of(16, 32, 64);

    ResNetConfig {
        stageDepths = List.copyOf(stageDepths);
        widths = List.copyOf(widths);
        if (stageDepths.size() != widths.size()) {
            throw new IllegalArgumentException("ResNet config: " + stageDepths.size() + " stage depths but "
                    + widths.size() + " widths");
        }
    }

    /** An ImageNet ResNet of He et al. 2015, Table 1. */
    static ResNetConfig imagenet(BlockKind block, Integer... stageDepths) {
        return new ResNetConfig(block, List.of(stageDepths), IMAGENET_WIDTHS);
    }

    /** A CIFAR ResNet of He et al. 2015, section 4.2: 3 stages of n basic blocks, 6n+2 layers. */
    static ResNetConfig cifar(int n) {
        return new ResNetConfig(BlockKind.BASIC, List.of(n, n, n), CIFAR_WIDTHS);
    }

    /** Weight layers: stem convolution, block convolutions and the final dense layer. */
    int depth() {
        return 2 + block.convolutions() * stageDepths.stream().mapToInt(Integer::intValue).sum();
    }
}
