package dev.zoo.datasets.format;

/** Which of the two CIFAR-100 labels to train on: the 100 fine classes or the 20 superclasses. */
public enum Cifar100Labels {
    /** The 20 superclasses (first label byte of a record). */
    COARSE(0),
    /** The 100 classes (second label byte of a record). */
    FINE(1);

    private final int labelField;

    Cifar100Labels(int labelField) {
        this.labelField = labelField;
    }

    /** Index into {@link CifarLayout#labelFields()} of {@link CifarLayout#CIFAR100}. */
    public int labelField() {
        return labelField;
    }
}
