package dev.zoo.datasets.error;

import java.nio.file.Path;

/** A downloaded file's MD5 differs from the published checksum: the download is corrupt or truncated. */
public class ChecksumException extends DataFileException {

    private static final long serialVersionUID = 1L;

    public ChecksumException(Path file, String where, String rule, Object expected, Object actual) {
        super(file, where, rule, expected, actual);
    }
}
