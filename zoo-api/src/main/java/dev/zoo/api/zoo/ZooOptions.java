package dev.zoo.api.zoo;

import dev.zoo.api.spec.Shape;

/**
 * What a user may choose when building a zoo model. A null field means the model's default: its
 * default input and class count, option A for CIFAR ResNets and B for ImageNet ResNets.
 *
 * @param input    shape of one example (CxHxW), or null for the model's default
 * @param classes  number of output logits, or null for the model's default
 * @param shortcut ResNet shortcut where shapes change, or null for the model's default
 * @param head     stem and classifier form; null means {@link HeadOption#AUTO}
 */
public record ZooOptions(Shape input, Integer classes, ShortcutOption shortcut, HeadOption head) {

    public ZooOptions {
        if (classes != null && classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        head = head == null ? HeadOption.AUTO : head;
    }

    /** Every choice left to the model. */
    public static ZooOptions defaults() {
        return new ZooOptions(null, null, null, HeadOption.AUTO);
    }

    /** The given input and classes, the rest left to the model. */
    public static ZooOptions of(Shape input, int classes) {
        return new ZooOptions(input, classes, null, HeadOption.AUTO);
    }

    public ZooOptions withInput(Shape newInput) {
        return new ZooOptions(newInput, classes, shortcut, head);
    }

    public ZooOptions withClasses(int newClasses) {
        return new ZooOptions(input, newClasses, shortcut, head);
    }

    public ZooOptions withShortcut(ShortcutOption newShortcut) {
        return new ZooOptions(input, classes, newShortcut, head);
    }

    public ZooOptions withHead(HeadOption newHead) {
        return new ZooOptions(input, classes, shortcut, newHead);
    }
}
