package dev.zoo.datasets.format;

import dev.zoo.datasets.error.StillCompressedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises gzip data by its two-byte signature, so a still-compressed file is named, not misread. */
public final class GzipSignature {

    private GzipSignature() {
    }

    /** Whether the file starts with the gzip signature 1f 8b. */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Whether the file name says gzip. */
    public static boolean hasGzipName(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    /** Throws if a file that should be plain is still gzip-compressed. */
    public static void requirePlain(Path file) {
        if (isGzip(file)) {
            throw new StillCompressedException(file, "offset 0", "plain file expected (gunzip it first, or name it .gz)",
                    "no gzip signature", "gzip signature 1f 8b");
        }
    }
}
