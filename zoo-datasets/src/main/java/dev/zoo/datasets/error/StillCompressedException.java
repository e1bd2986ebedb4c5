package dev.zoo.datasets.error;

import java.nio.file.Path;

/** A file expected in plain form still starts with the gzip signature (1f 8b): it needs unpacking first. */
public class StillCompressedException extends DataFileException {

    private static final long serialVersionUID = 1L;

    public StillCompressedException(Path file, String where, String rule, Object expected, Object actual) {
        super(file, where, rule, expected, actual);
    }
}
