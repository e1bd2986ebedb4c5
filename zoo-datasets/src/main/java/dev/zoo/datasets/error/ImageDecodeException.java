package dev.zoo.datasets.error;

import java.nio.file.Path;

/** An image in an image folder cannot be decoded as PNG or JPEG. */
public class ImageDecodeException extends DataFileException {

    private static final long serialVersionUID = 1L;

    public ImageDecodeException(Path file, String where, String rule, Object expected, Object actual) {
        super(file, where, rule, expected, actual);
    }
}
