package dev.zoo.datasets.error;

import java.nio.file.Path;

/** A file holds another number of records than its dataset publishes, or images and labels disagree. */
public class RecordCountException extends DataFileException {

    private static final long serialVersionUID = 1L;

    public RecordCountException(Path file, String where, String rule, Object expected, Object actual) {
        super(file, where, rule, expected, actual);
    }
}
