package dev.zoo.api.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only text log flushed after every line, so a crash loses at most the line being
 * written and a resumed run continues the same file. A header is written only to a new file.
 */
final class LineLog implements AutoCloseable {

    private final Path file;
    private final BufferedWriter out;

    LineLog(Path file, String header) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh && header != null) {
                line(header);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("log " + file + ": cannot open: " + e.getMessage(), e);
        }
    }

    void line(String text) {
        try {
            out.write(text);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("log " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("log " + file + ": cannot close: " + e.getMessage(), e);
        }
    }
}
