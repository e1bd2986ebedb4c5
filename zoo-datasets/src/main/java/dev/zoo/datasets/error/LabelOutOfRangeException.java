package dev.zoo.datasets.error;

import java.nio.file.Path;

/** A record carries a class label outside the range of its dataset (CIFAR-100 coarse 0-19, fine 0-99, ...). */
public class LabelOutOfRangeException extends DataFileException {

    private static final long serialVersionUID = 1L;

    public LabelOutOfRangeException(Path file, String where, String rule, Object expected, Object actual) {
        super(file, where, rule, expected, actual);
    }
}
