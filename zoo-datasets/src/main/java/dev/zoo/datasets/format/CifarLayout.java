package dev.zoo.datasets.format;

import dev.zoo.api.spec.Shape;
import java.util.List;

/**
 * The record layout of the CIFAR binary files: some label bytes (each with its number of classes)
 * followed by 3,072 pixel bytes, red plane then green then blue, each row-major.
 *
 * @see <a href="https://www.cs.toronto.edu/~kriz/cifar.html">the CIFAR binary version</a>
 */
public enum CifarLayout {
    /** One label byte (10 classes). */
    CIFAR10(List.of(new LabelField("label", 10))),
    /** A coarse label byte (20 superclasses), then a fine label byte (100 classes). */
    CIFAR100(List.of(new LabelField("coarse label", 20), new LabelField("fine label", 100)));

    /** Shape of one CIFAR image. */
    public static final Shape IMAGE = Shape.chw(3, 32, 32);

    private final List<LabelField> labels;

    CifarLayout(List<LabelField> labels) {
        this.labels = labels;
    }

    /** One label byte of a record: its name and number of classes. */
    public record LabelField(String name, int classes) {
    }

    public List<LabelField> labelFields() {
        return labels;
    }

    /** Bytes in one record: the label bytes plus 3,072 pixels. */
    public int recordSize() {
        return labels.size() + (int) IMAGE.size();
    }
}
