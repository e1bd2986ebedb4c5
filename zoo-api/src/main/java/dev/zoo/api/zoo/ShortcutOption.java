package dev.zoo.api.zoo;

/**
 * The shortcut a ResNet uses where a block changes shape (He et al. 2015, section 3.3): option A
 * pads the subsampled identity with zero channels (no parameters), option B projects it with a
 * 1x1 convolution and batch norm. Blocks whose shape does not change always use the identity.
 */
public enum ShortcutOption {
    /** Zero-padding identity, the CIFAR ResNets' default in the paper. */
    A,
    /** 1x1 convolution + batch norm projection, torchvision's ImageNet ResNets. */
    B
}
