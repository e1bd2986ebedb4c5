package dev.zoo.datasets.error;

import java.nio.file.Path;

/** A file (or its decompressed content) is shorter or longer than its format and record count require. */
public class FileSizeException extends DataFileException {

    private static final long serialVersionUID = 1L;

    public FileSizeException(Path file, String where, String rule, Object expected, Object actual) {
        super(file, where, rule, expected, actual);
    }
}
