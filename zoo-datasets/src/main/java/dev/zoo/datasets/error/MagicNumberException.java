package dev.zoo.datasets.error;

import java.nio.file.Path;

/** A file does not start with the magic number of its format (IDX 2051 for images, 2049 for labels). */
public class MagicNumberException extends DataFileException {

    private static final long serialVersionUID = 1L;

    public MagicNumberException(Path file, String where, String rule, Object expected, Object actual) {
        super(file, where, rule, expected, actual);
    }
}
